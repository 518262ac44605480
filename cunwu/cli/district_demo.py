"""`cunwu district demo`: a district with a dozen small demo villages already synced — each made
by the village's own services (set up, roster import, enrolment, bundle export) and imported
through the district's checked path — some stale, one person in two villages, one bundle
quarantined, and an officer and an admin account; prints the address and the password.
"""

from __future__ import annotations

import datetime as dt
import secrets
import sys
import tempfile
from pathlib import Path

from cunwu.cli.district_access import folder
from cunwu.i18n import _

DISTRICT = ("330106", "西湖区民政")
NAMES = ("青山村", "龙井村", "梅家坞村", "翁家山村", "茅家埠村", "双峰村", "杨梅岭村", "满觉陇村",
         "九溪村", "灵隐村", "上天竺村", "桃源岭村")
STALE = {2: 42, 7: 58, 10: 96}  # village index -> days its bundles are dated back
DUPLICATE = (0, 1)  # village 1's first 低保 holder is also on village 2's roster, with 低保
QUARANTINED = 2  # restored from a backup, this village sends a different bundle 1: held
HEADER = ["户号", "姓名", "身份证号", "性别", "出生日期", "与户主关系", "居住状态", "人员类别",
          "低保金额", "保障人数"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳强敏磊静军丽勇艳杰娟涛霞明秀超英刚兰"


def register(sub, common) -> None:
    q = sub.add_parser("demo", parents=[common],
                       help=_("a district with a dozen synced demo villages and an officer account"))
    q.add_argument("--villages", type=int, default=len(NAMES), choices=range(2, len(NAMES) + 1),
                   metavar="N", help=_("how many villages (2 to 12, default 12)"))
    q.add_argument("--households", type=int, default=12, metavar="N",
                   help=_("households per village (default 12, four people each)"))
    q.add_argument("--host", default="127.0.0.1", help=_("the host the printed address names"))
    q.add_argument("--port", type=int, default=8750, help=_("the port the printed address names"))
    q.set_defaults(handler=demo)


def _person(i: int, h: int, k: int) -> tuple[str, str, dt.date, str]:
    """(name, sex, birth date, relation) of member k of household h in village i; the birth
    day encodes the village, so no two villages make the same ID number by chance."""
    relation, sex, age = (("户主", "男", 40 + h * 3 % 40), ("配偶", "女", 38 + h * 3 % 40),
                          ("子", "男", 8 + h % 12), ("女", "女", 6 + h % 14))[k]
    born = dt.date(2026 - age, 1 + (h + k) % 12, 1 + i * 2 + (k % 2))
    name = SURNAMES[(h + i) % len(SURNAMES)] + (GIVEN[(h * 4 + k + i) % len(GIVEN)] if k != 1 else
                                                  GIVEN[(h + 7) % len(GIVEN)])
    return name, sex, born, relation


def _notice() -> dict:
    """Last month's finance notice (财务收支公开)."""
    first = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    last = dt.date.today().replace(day=1) - dt.timedelta(days=1)
    return {"category": "财务", "title": f"{first.year}年{first.month}月财务收支公开",
            "period": {"from": first.isoformat(), "to": last.isoformat()}, "body": "本月收支情况如下。",
            "tables": [{"title": "收支明细", "columns": ["项目", "收入（元）", "支出（元）"],
                        "rows": [["上级补助", "50000.00", ""], ["道路维修", "", "12800.00"]]}],
            "posting_days": 7}


def _roster(i: int, households: int, extra: list[list]) -> tuple[Path, list[list]]:
    from cunwu.domain import idnumbers

    rows = []
    for h in range(households):
        for k in range(4):
            name, sex, born, relation = _person(i, h, k)
            kinds, amount, covered = [], "", ""
            if k == 0 and (h + i) % (3 + i % 3) == 0:
                kinds, amount, covered = ["低保"], str(560 * 4), "4"
            if k == 1 and h % 6 == 1:
                kinds.append("残疾")
            if k >= 2 and h % 5 == 2:
                kinds.append("留守儿童")
            status = "外出务工" if k < 2 and h % 5 == 2 else "户籍在册"
            rows.append([f"{h + 1:04d}", name, idnumbers.make(DISTRICT[0], born, 11 if sex == "男" else 12),
                         sex, born.isoformat(), relation, status, "、".join(kinds), amount, covered])
    rows += extra
    path = Path(tempfile.mkdtemp()) / "roster.csv"
    import csv

    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path, rows


def address(host: str, port: int) -> str:
    """Where a browser on this machine finds `district serve --host HOST --port PORT`: a server
    listening on every interface is reached on the loopback address."""
    host = "127.0.0.1" if host in ("", "0.0.0.0") else "[::1]" if host == "::" else host
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def demo(ctx) -> int:
    import os

    from cunwu.cli.sync import key_passphrase
    from cunwu.district import accounts, demo as district_demo, importer
    from cunwu.district.enrol import enrol
    from cunwu.district.store import District
    from cunwu.errors import CunwuError
    from cunwu.domain import verification
    from cunwu.services import disclosures, roster_import, sync
    from cunwu.services.accounts import add_user
    from cunwu.services.backup import backup, restore
    from cunwu.services.residents import person_file, set_status
    from cunwu.services.village import admin_actor, init_village
    from cunwu.store import Store

    a = ctx.args
    password = os.environ.get("CUNWU_NEW_PASSWORD") or secrets.token_urlsafe(9)
    secret = key_passphrase()  # asked once, for the district's keys and every village's
    passphrase = (lambda: secret) if secret else None
    base = folder(ctx)
    with District.create(base, *DISTRICT, passphrase=passphrase) as d:
        accounts.add_user(d, None, "admin", "admin", password)
        accounts.add_user(d, accounts.DistrictUser("admin", "admin"), "officer", "officer", password)
        shared: list = []
        codes: dict = {}
        for i in range(a.villages):
            code = f"{DISTRICT[0]}001{i + 1:03d}"
            where = base / "demo-villages" / code
            store = init_village(where, code=code, name=NAMES[i], district_code=DISTRICT[0],
                                 admin="admin", password=password)
            with store:
                actor = admin_actor(store, "admin")
                extra = [["0099", *shared[1:7], "低保", "560", "1"]] if i == DUPLICATE[1] and shared else []
                roster, rows = _roster(i, max(2, a.households + (i * 7) % 9 - 4), extra)
                roster_import.import_roster(store, actor, roster)
                if i == 0:  # a signed notice whose printed code 核验 can check
                    add_user(store, actor, "supervisor", "supervisor", password, "王秀英")
                    notice = disclosures.add(store, actor, _notice())
                    notice = disclosures.sign_off(store, admin_actor(store, "supervisor"), notice.uuid)
                    codes["notice_code"] = verification.codes(notice, code).short
                if i == DUPLICATE[0]:
                    shared = rows[0]
                sync.enrol_request(store, actor, where / "enrol-request.json", passphrase=passphrase)
                cert, _info = enrol(d, (where / "enrol-request.json").read_bytes())
                (where / "district-cert.json").write_bytes(cert)
                sync.accept_district(store, actor, where / "district-cert.json")
                usb = where / "usb"
                usb.mkdir()
                saved = backup(store, actor, where / "before-first-bundle.sqlite3") if i == QUARANTINED else None
                first = Path(sync.export_bundle(store, actor, usb, passphrase=passphrase)["path"])
                importer.import_file(d, first, usb)
            if saved is not None:  # restored from that backup, the village sends bundle 1 again, changed
                restore(store.paths, saved, actor)
                with Store.open(where) as store:
                    set_status(store, actor, person_file(store, rows[0][2])["person"].uuid, "死亡")
                    again = Path(sync.export_bundle(store, actor, usb, passphrase=passphrase)["path"])
                try:
                    importer.import_file(d, again, usb)
                except CunwuError:
                    pass  # held in quarantine for an admin to reject, as the demo wants
            if i in STALE:
                district_demo.date_back(d, code, STALE[i])
            print(_("{name} ({code}): synced").format(name=NAMES[i], code=code), file=sys.stderr, flush=True)
        url = address(a.host, a.port)
        info = {"district": d.code, "folder": str(d.folder), "url": url, "villages": a.villages,
                "accounts": ["officer", "admin"], "password": password, **codes}
    lines = [_("Demo district {name} ({code}) in {dir}.").format(name=DISTRICT[1], code=DISTRICT[0], dir=info["folder"]),
             _("Start it with: cunwu district serve --user officer (or ./run district), then open {url}").format(url=url),
             _("Log in as officer (or admin) with the password: {password}").format(password=password),
             _("A notice code to check on 核验: {code}").format(code=codes.get("notice_code", ""))]
    ctx.emit(info, lines)
    return 0

