"""Chinese by default, English on request, and the compiled catalogue matches its source."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import client_for

CATALOGUE = Path(settings.BASE_DIR) / "locale/zh_Hans/LC_MESSAGES"


def test_compiled_catalogue_is_current_and_complete():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries()
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    for entry in po:
        assert compiled.get((entry.msgctxt, entry.msgid)) == (
            entry.msgstr,
            entry.msgstr_plural,
        ), f"django.mo is stale for {entry.msgid!r}: run `make messages`"


@pytest.mark.django_db
def test_pages_are_chinese_by_default_and_english_on_request(demo_event):
    judge = demo_event.judges.first()
    client = client_for(judge.user)
    # A browser that asks for English still gets Chinese until English is chosen.
    page = client.get(
        f"/events/{demo_event.pk}/judge/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert "退出" in page and "未评分" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/events/{demo_event.pk}/judge/").content.decode()
    assert "Log out" in page and "not started" in page
    assert 'lang="en"' in page


def test_validation_message_in_both_languages():
    from review.forms.sheet import SCORE_MESSAGES

    with translation.override("zh-hans"):
        assert (
            str(SCORE_MESSAGES["negative"]) % {"criterion": "实绩"} == "「实绩」的分数不能为负数。"
        )
    with translation.override("en"):
        assert str(SCORE_MESSAGES["negative"]) % {"criterion": "X"} == "“X” cannot be negative."
