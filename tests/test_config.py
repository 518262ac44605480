"""Configuration: where data lives, settings that survive damage, logs without ID numbers."""

from __future__ import annotations

import logging

from cunwu.config import Paths, RedactIdNumbers, Settings, resolve_data_dir, setup_logging


def test_data_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("CUNWU_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "arg") == tmp_path / "arg"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("CUNWU_DATA_DIR")
    assert "cunwu" in str(resolve_data_dir(None))


def test_settings_round_trip_and_damaged_file(tmp_path):
    path = tmp_path / "settings.json"
    Settings(language="en", font_size="xlarge").save(path)
    s = Settings.load(path)
    assert (s.language, s.font_size) == ("en", "xlarge")
    path.write_text("{not json", encoding="utf-8")
    assert Settings.load(path).font_size == "normal"


def test_log_never_holds_id_numbers(tmp_path):
    paths = Paths(tmp_path)
    setup_logging(paths)
    log = logging.getLogger("cunwu.test")
    log.warning("person %s and old %s, phone 13800000000", "11010519491231002X", "110105491231002")
    for h in logging.getLogger("cunwu").handlers:
        h.flush()
    text = (paths.logs / "cunwu.log").read_text(encoding="utf-8")
    assert "11010519491231002X" not in text and "110105491231002" not in text
    assert "110105************" in text
    assert RedactIdNumbers().filter(logging.makeLogRecord({"msg": "no ids here"}))
