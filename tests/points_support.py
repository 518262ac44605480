"""Helpers for the points tests: a few residents and households written straight through
the unit of work (the residents services are another subject's), and a dated workflow."""

from __future__ import annotations

import datetime as dt

from cunwu import clock
from cunwu.domain.households import Household
from cunwu.domain.residents import Person

DAY = dt.date(2026, 3, 2)


def people(store, actor, n: int = 4, *, households: int = 2) -> list[str]:
    """n persons spread over `households` households; returns their UUIDs."""
    with store.write(actor, "test.people") as uow:
        homes = [uow.add(Household(number=f"H{i:03d}", created_at=clock.now_utc(),
                                   group_name=f"第{i + 1}组")) for i in range(households)]
        out = []
        for i in range(n):
            p = uow.add(Person(name=f"张{'一二三四五六七八九十'[i % 10]}{i}" if i >= 10 else
                               f"张{'一二三四五六七八九十'[i]}", created_at=clock.now_utc(),
                               household_uuid=homes[i % households].uuid,
                               birth_date=dt.date(1950 + i % 50, 1 + i % 12, 1),
                               relation="户主" if i < households else "子"))
            out.append(p.uuid)
        for i, home in enumerate(homes):
            home.head_uuid = out[i]
            uow.save(home)
    return out


def run_to_ledger(store, entered_by, approved_by, monkeypatch, *, rule="HJ", points=5,
                  unit="次", participants, day=DAY, title="环境整治"):
    """Rules (if missing), an activity, approval, 公示 and posting; returns the activity uuid."""
    from cunwu.services import points as svc
    from cunwu.services import points_rules

    monkeypatch.setenv("CUNWU_TODAY", day.isoformat())
    if not [r for r in points_rules.rules(store) if r.code == rule]:
        points_rules.add_rules(store, entered_by, [{"code": rule, "name": title, "points": points,
                                              "unit": unit}], "2026-01-01")
    a = svc.add_activity(store, entered_by, title=title, held_on=day, rule=rule,
                            participants=participants)
    svc.approve(store, approved_by, a.uuid)
    svc.publish(store, approved_by, a.uuid)
    monkeypatch.setenv("CUNWU_TODAY", (day + dt.timedelta(days=7)).isoformat())
    svc.post(store, entered_by, a.uuid)
    return a.uuid


def redeem_in_child(data_dir, username, person, goods, qty, barrier, results) -> None:
    """One process of the redemption race: open the store, wait for the other, redeem."""
    from cunwu.errors import CunwuError
    from cunwu.services.points_shop import redeem
    from cunwu.services.village import admin_actor
    from cunwu.store import Store

    with Store.open(data_dir) as store:
        actor = admin_actor(store, username)
        barrier.wait(timeout=30)
        try:
            redeem(store, actor, person, [(goods, qty)])
            results.put("ok")
        except CunwuError as e:
            results.put(e.code)
