"""The server keeps the figures table warm: an import's village gets its row again without a
page asking, and the overview does not compute stale villages itself while the warmer runs."""

from __future__ import annotations

import time

import sqlalchemy as sa


def _row(d, code: str):
    from cunwu.district.schema import figures

    with d.engine.connect() as conn:
        return conn.execute(sa.select(figures.c.day).where(figures.c.village == code)).scalar()


def _code(d) -> str:
    from cunwu.district.schema import villages

    with d.engine.connect() as conn:
        return conn.execute(sa.select(villages.c.code)).scalar_one()


def _until(check, seconds: float = 15.0):
    deadline = time.monotonic() + seconds
    while (found := check()) is None and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


def test_served_district_computes_an_imported_villages_figures_without_a_page(served):
    from cunwu import clock
    from cunwu.district import figures_table
    from cunwu.district.store import District

    with District.open(served.folder) as d:
        code = _code(d)
        assert _until(lambda: _row(d, code)) == clock.today().isoformat()  # warmed at start
        with d.engine.begin() as conn:
            figures_table.forget(conn, code)  # what an import of the village does
        assert _row(d, code) is None
        assert _until(lambda: _row(d, code)) == clock.today().isoformat()


def test_overview_notes_stale_villages_instead_of_computing_them_while_warming(synced, admin_client):
    from cunwu.district import figures_table
    from cunwu.district.store import District

    with District.open(synced) as d:
        code = _code(d)
        client = admin_client(d)
        url = str(d.engine.url)
        figures_table._warming.add(url)  # as `cunwu district serve` marks it
        try:
            with d.engine.begin() as conn:
                figures_table.forget(conn, code)
            started = time.monotonic()
            page = client.get("/")
            assert page.status_code == 200 and time.monotonic() - started < 2
            assert "正在更新 1 个村的数字…" in page.text
            assert _row(d, code) is None  # left to the warmer
            assert client.get(f"/villages/{code}").status_code == 200  # one village: computed
            assert _row(d, code) is not None
            assert "正在更新" not in client.get("/").text
        finally:
            figures_table._warming.discard(url)
        with d.engine.begin() as conn:
            figures_table.forget(conn, code)
        assert "正在更新" not in client.get("/").text  # no warmer: computed as before
        assert _row(d, code) is not None
