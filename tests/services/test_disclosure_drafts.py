"""Saving a draft returns what to check before sign-off, so no caller recomputes it."""

from __future__ import annotations

from cunwu.services.disclosure_drafts import save_draft

NOTICE = {"category": "村务", "title": "关于困难家庭补助的公示", "body": "经评议，张某（患病）列入补助。",
          "period": {"from": "2026-07-01", "to": "2026-07-31"}, "posting_days": 7}


def test_health_words_come_back_with_the_draft(store, clerk):
    draft = save_draft(store, clerk, NOTICE)
    assert draft.health == ["患病"] and draft.lacking == []
    edited = save_draft(store, clerk, {"body": "经评议，张某列入补助。"}, uuid=draft.disclosure.uuid)
    assert edited.disclosure.uuid == draft.disclosure.uuid
    assert edited.health == []
