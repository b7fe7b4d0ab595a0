"""Reopening a submitted sheet needs a reason; every changed score is logged and exported."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from review.domain.show import open_scoring, reveal
from review.models import AuditEntry, ScoreSheet
from tests.factories import build_event, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def revealed(organiser):
    event, criteria, (sub,), judges = build_event(appearances=1, judges=3, live_show=True)
    open_scoring(event, sub, organiser)
    for judge in judges:
        client_for(judge.user).post(
            f"/events/{event.pk}/judge/{sub.pk}/",
            {f"c{c.pk}": v for c, v in zip(criteria, ["30", "15", "15", "15"], strict=True)}
            | {"action": "submit"},
        )
    reveal(event, sub, organiser)
    return event, criteria, sub, judges


def sheet_url(event, judge, sub):
    return f"/events/{event.pk}/control/sheets/{judge.pk}/{sub.pk}/"


def reopen_url(event, judge, sub):
    return sheet_url(event, judge, sub) + "reopen/"


def test_reopening_needs_a_written_reason(revealed, organiser):
    event, criteria, sub, (judge, *_) = revealed
    client = client_for(organiser)
    response = client.post(reopen_url(event, judge, sub), {"reason": "   "}, follow=True)
    assert "请填写退回修改的原因。" in response.content.decode()
    assert ScoreSheet.objects.get(judge=judge, appearance=sub).is_submitted
    assert not AuditEntry.objects.filter(kind="reopened").exists()


def test_correction_is_logged_old_to_new_with_reason(revealed, organiser):
    event, criteria, sub, (judge, *_) = revealed
    client = client_for(organiser)
    client.post(reopen_url(event, judge, sub), {"reason": "评委误将 35 录为 30"})
    sheet = ScoreSheet.objects.get(judge=judge, appearance=sub)
    assert sheet.status == "draft" and sheet.is_reopened

    judge_client = client_for(judge.user)
    form = judge_client.get(f"/events/{event.pk}/judge/{sub.pk}/").content.decode()
    assert "主办方已退回此评分表：评委误将 35 录为 30" in form
    data = {f"c{c.pk}": v for c, v in zip(criteria, ["35", "15", "15", "15"], strict=True)}
    assert (
        judge_client.post(
            f"/events/{event.pk}/judge/{sub.pk}/", data | {"action": "submit"}
        ).status_code
        == 302
    )

    change = AuditEntry.objects.get(kind="score_changed")
    assert (change.old_value, change.new_value) == (Decimal(30), Decimal(35))
    assert change.criterion == criteria[0]
    assert change.actor == judge.user and change.judge == judge
    assert change.reason == "评委误将 35 录为 30"
    assert AuditEntry.objects.filter(kind="reopened", actor=organiser).count() == 1
    sheet.refresh_from_db()
    assert sheet.is_submitted and not sheet.is_reopened

    log = client.get(f"/events/{event.pk}/control/audit/").content.decode()
    assert "30.00 → 35.00" in log and "评委误将 35 录为 30" in log

    workbook = load_workbook(io.BytesIO(client.get(f"/events/{event.pk}/results.xlsx").content))
    assert "修改记录" in workbook.sheetnames
    sheet_rows = list(workbook["修改记录"].iter_rows(min_row=5, values_only=True))
    changed = [r for r in sheet_rows if r[2] == "修改分数"]
    assert len(changed) == 1
    assert changed[0][5:9] == (criteria[0].name, 30, 35, "评委误将 35 录为 30")


def test_reopen_clears_the_judges_sign_off(revealed, organiser):
    event, criteria, sub, (judge, *_) = revealed
    judge_client = client_for(judge.user)
    judge_client.post(f"/events/{event.pk}/judge/sign-off/confirm/")
    judge.refresh_from_db()
    assert judge.signed_off_at is not None
    client_for(organiser).post(reopen_url(event, judge, sub), {"reason": "复核"})
    judge.refresh_from_db()
    assert judge.signed_off_at is None


def test_published_results_cannot_be_reopened(revealed, organiser):
    event, criteria, sub, (judge, *_) = revealed
    event.status = "published"
    event.save()
    response = client_for(organiser).post(
        reopen_url(event, judge, sub), {"reason": "复核"}, follow=True
    )
    assert "成绩已公布，请先撤回公布。" in response.content.decode()
    assert ScoreSheet.objects.get(judge=judge, appearance=sub).is_submitted
