"""The points supermarket: redemption lowers balance and stock together, never below zero,
even when two programs redeem at the same moment."""

from __future__ import annotations

import multiprocessing

import pytest

from cunwu.errors import CunwuError
from cunwu.services import points_ledger, points_settings, points_shop
from points_support import people, redeem_in_child, run_to_ledger


@pytest.fixture
def funded(store, clerk, admin, monkeypatch):
    """Four people with 10 points each (two households of two)."""
    folks = people(store, admin, 4)
    run_to_ledger(store, clerk, admin, monkeypatch,
                  participants=[{"person": p, "quantity": 2} for p in folks])
    return folks


def _state(store, goods="洗衣粉"):
    with store.read() as s:
        conn = s.connection()
        return (conn.exec_driver_sql("SELECT stock FROM points_goods WHERE name = ?", (goods,)).scalar(),
                conn.exec_driver_sql("SELECT count(*) FROM points_redemptions").scalar(),
                conn.exec_driver_sql("SELECT count(*) FROM points_ledger").scalar(),
                conn.exec_driver_sql("SELECT sum(balance) FROM points_balances").scalar())


def test_redemption_lowers_balance_and_stock(store, clerk, admin, funded):
    points_shop.add_goods(store, admin, name="洗衣粉", price=4, stock=5)
    points_shop.add_goods(store, admin, name="食用油", price=2, stock=1)
    r = points_shop.redeem(store, clerk, funded[0], [("洗衣粉", 2), ("食用油", 1)])
    assert (r.total, r.balance_after, r.number) == (10, 0, "2026-00001")
    assert points_ledger.balance(store, funded[0]) == 0
    assert {g.name: g.stock for g in points_shop.goods_list(store)} == {"洗衣粉": 3, "食用油": 0}
    receipt = points_shop.redemption(store, r.uuid)
    assert [ln["points"] for ln in receipt["lines"]] == [8, 2]
    assert points_shop.redeem(store, clerk, funded[1], [("洗衣粉", 1)]).number == "2026-00002"
    assert points_ledger.totals_differ(store) == 0


@pytest.mark.parametrize("qty,code", [(3, "E_POINTS_BALANCE"), (0, "E_POINTS_QUANTITY"),
                                      (-1, "E_POINTS_QUANTITY")])
def test_redemption_over_the_balance_changes_nothing(store, clerk, admin, funded, qty, code):
    points_shop.add_goods(store, admin, name="洗衣粉", price=4, stock=10)
    before = _state(store)
    with pytest.raises(CunwuError) as e:
        points_shop.redeem(store, clerk, funded[0], [("洗衣粉", qty)])
    assert e.value.code == code
    assert _state(store) == before


def test_redemption_over_the_stock_changes_nothing(store, clerk, admin, funded):
    points_shop.add_goods(store, admin, name="洗衣粉", price=1, stock=2)
    before = _state(store)
    with pytest.raises(CunwuError) as e:
        points_shop.redeem(store, clerk, funded[0], [("洗衣粉", 3)])
    assert e.value.code == "E_POINTS_STOCK" and e.value.params["stock"] == 2
    assert _state(store) == before


def test_goods_are_checked(store, admin):
    for kw, code in (({"name": "", "price": 1, "stock": 1}, "E_POINTS_GOODS_NAME"),
                     ({"name": "a", "price": 0, "stock": 1}, "E_POINTS_PRICE"),
                     ({"name": "a", "price": 1, "stock": -1}, "E_POINTS_STOCK_VALUE")):
        with pytest.raises(CunwuError) as e:
            points_shop.add_goods(store, admin, **kw)
        assert e.value.code == code
    points_shop.add_goods(store, admin, name="毛巾", price=3, stock=0)
    with pytest.raises(CunwuError) as e:
        points_shop.add_goods(store, admin, name="毛巾", price=3, stock=0)
    assert e.value.code == "E_POINTS_GOODS_EXISTS"
    assert points_shop.update_goods(store, admin, "毛巾", add_stock=4, price=5).stock == 4


def test_household_scoring_spends_the_household_balance(store, clerk, admin, funded):
    points_settings.update_settings(store, admin, scope="household")
    points_shop.add_goods(store, admin, name="大米", price=15, stock=5)
    r = points_shop.redeem(store, clerk, funded[0], [("大米", 1)])  # household has 20
    assert r.balance_after == 5
    with pytest.raises(CunwuError) as e:
        points_shop.redeem(store, clerk, funded[2], [("大米", 1)])  # same household, 5 left
    assert e.value.code == "E_POINTS_BALANCE" and e.value.params["balance"] == 5


def test_reversing_a_redemption_returns_points_and_stock(store, clerk, admin, funded):
    points_shop.add_goods(store, admin, name="洗衣粉", price=4, stock=5)
    r = points_shop.redeem(store, clerk, funded[0], [("洗衣粉", 2)])
    entry = [e for e in points_ledger.ledger(store, person=funded[0]) if e["kind"] == "redeem"][0]
    points_ledger.reverse(store, admin, entry["uuid"], "退货")
    assert points_ledger.balance(store, funded[0]) == 10
    assert points_shop.goods_list(store)[0].stock == 5
    assert points_shop.redemption(store, r.uuid)["reversed"] is True


def _race(store, person, goods, qty) -> list[str]:
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=redeem_in_child,
                         args=(store.paths.data_dir, user, person, goods, qty, barrier, results))
             for user in ("clerk", "admin")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    return sorted(results.get(timeout=5) for _ in procs)


@pytest.mark.slow
def test_two_processes_cannot_overspend_the_balance(store, admin, funded):
    points_shop.add_goods(store, admin, name="洗衣粉", price=6, stock=10)  # 10 points: one only
    assert _race(store, funded[0], "洗衣粉", 1) == ["E_POINTS_BALANCE", "ok"]
    assert points_ledger.balance(store, funded[0]) == 4
    assert points_shop.goods_list(store)[0].stock == 9


@pytest.mark.slow
def test_two_processes_cannot_take_the_last_item_twice(store, admin, funded):
    points_shop.add_goods(store, admin, name="洗衣粉", price=1, stock=1)
    assert _race(store, funded[0], "洗衣粉", 1) == ["E_POINTS_STOCK", "ok"]
    assert points_shop.goods_list(store)[0].stock == 0
    assert points_ledger.balance(store, funded[0]) == 9
    assert points_ledger.totals_differ(store) == 0
