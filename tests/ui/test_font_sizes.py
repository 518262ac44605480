"""Readable at every font size on a 1366×768 screen: every page and dialog is measured in a
program of its own (tests/ui/font_sizes.py), since the screen's size is chosen at start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cunwu.services import cases, disclosures, residents

ROOT = Path(__file__).resolve().parents[2]
SCREEN = {"screens": [{"name": "clerk", "x": 0, "y": 0, "width": 1366, "height": 768,
                       "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}


def test_every_page_and_dialog_fits_its_text_at_every_size(store, clerk, data_dir, tmp_path):
    home = residents.add_household(store, clerk, number="0001", group_name="第一村民小组",
                                   address="青山村1组1号")
    person = residents.add_person(store, clerk, name="欧阳慧慧", household_uuid=home.uuid,
                                  relation="户主", id_number="33010619561112011X")
    case = cases.open_case(store, clerk, {"person": person.uuid, "category": "临时救助",
                                          "title": "因病致困，申请临时救助", "handler": "clerk",
                                          "description": "本人住院两周，家中无其他收入。"})
    cases.act(store, clerk, case["number"], "电话联系本人，约定明天入户核查")
    disclosures.add(store, clerk, {"kind": "free", "category": "村务", "title": "修路通知",
                                   "body": "下周一起修村道。", "posting_days": 7,
                                   "period": {"from": "2026-11-01", "to": "2026-11-30"}})
    store.close()
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "ui" / "font_sizes.py"),
                           str(data_dir)], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
