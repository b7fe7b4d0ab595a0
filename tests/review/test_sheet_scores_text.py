"""``ScoreSheet.scores_text`` is kept equal to the sheet's score rows by the database itself,
whatever writes them, and the results read from it equal the results read from the rows."""

import random
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from common import scoring
from review.domain.recusal import declared_recusals, recused_pairs
from review.domain.sheets import save_sheet
from review.models import Recusal, Score, ScoreSheet
from review.queries.results import event_results
from review.queries.sheet_scores import parse_scores_text
from tests.factories import build_event, submit_sheet

pytestmark = pytest.mark.django_db


def rows_of(sheet) -> dict[int, Decimal]:
    return dict(Score.objects.filter(sheet=sheet).values_list("criterion_id", "value"))


def text_of(sheet) -> dict[int, Decimal]:
    return parse_scores_text(ScoreSheet.objects.get(pk=sheet.pk).scores_text)


def assert_in_step(sheet):
    assert text_of(sheet) == rows_of(sheet)


def test_parse_reads_both_databases_spellings():
    assert parse_scores_text("") == {}
    assert parse_scores_text("3:11.5,7:18") == {3: Decimal("11.5"), 7: Decimal(18)}
    assert parse_scores_text("3:11.50,7:18.00") == {3: Decimal("11.5"), 7: Decimal(18)}


def test_the_judge_path_drafts_clears_and_submits():
    event, criteria, (sub, *_), (judge, *_) = build_event(appearances=1, judges=1)
    a, b, c, d = criteria
    sheet = save_sheet(judge, sub, {a.pk: Decimal("33.5"), b.pk: Decimal(12)}, submit=False)
    assert text_of(sheet) == {a.pk: Decimal("33.5"), b.pk: Decimal(12)}
    save_sheet(judge, sub, {a.pk: Decimal("30.25"), b.pk: None}, submit=False)
    assert text_of(sheet) == {a.pk: Decimal("30.25")}
    values = {a.pk: Decimal(40), b.pk: Decimal("0.5"), c.pk: Decimal(0), d.pk: Decimal("19.99")}
    save_sheet(judge, sub, values, submit=True)
    assert text_of(sheet) == values
    assert_in_step(sheet)


def test_every_orm_write_of_a_score_is_followed():
    event, criteria, (sub, other), (judge, *_) = build_event(appearances=2, judges=1)
    sheet = submit_sheet(judge, sub, ["35", "18.5", "17", "16"])
    assert_in_step(sheet)
    score = Score.objects.get(sheet=sheet, criterion=criteria[0])
    score.value = Decimal("36.75")
    score.save()
    assert text_of(sheet)[criteria[0].pk] == Decimal("36.75")
    Score.objects.filter(sheet=sheet).update(value=Decimal(10))
    assert set(text_of(sheet).values()) == {Decimal(10)}
    Score.objects.filter(sheet=sheet, criterion=criteria[1]).delete()
    assert_in_step(sheet)
    # A score moved to another sheet leaves the first and joins the second.
    second = ScoreSheet.objects.create(judge=judge, appearance=other)
    Score.objects.filter(sheet=sheet, criterion=criteria[2]).update(sheet=second)
    assert_in_step(sheet)
    assert text_of(second) == {criteria[2].pk: Decimal(10)}


def test_a_sheet_saved_from_a_stale_object_keeps_the_current_text():
    event, criteria, (sub, *_), (judge, *_) = build_event(appearances=1, judges=1)
    stale = ScoreSheet.objects.create(judge=judge, appearance=sub)
    Score.objects.create(sheet=stale, criterion=criteria[0], value=Decimal(20))
    assert stale.scores_text == ""  # the Python object never saw the score
    stale.comment = "改了备注"
    stale.save()
    assert_in_step(stale)
    assert text_of(stale) == {criteria[0].pk: Decimal(20)}


def test_a_sheet_written_with_a_made_up_text_is_corrected():
    event, criteria, (sub, *_), (judge, *_) = build_event(appearances=1, judges=1)
    sheet = ScoreSheet.objects.create(judge=judge, appearance=sub, scores_text="1:99")
    assert ScoreSheet.objects.get(pk=sheet.pk).scores_text == ""
    ScoreSheet.objects.filter(pk=sheet.pk).update(scores_text="1:99")
    assert ScoreSheet.objects.get(pk=sheet.pk).scores_text == ""


def test_a_dumped_event_loads_back_in_step(tmp_path):
    event, criteria, subs, judges = build_event(appearances=2, judges=3, prefix="d")
    event.code = "dump-me"
    event.save()
    for i, judge in enumerate(judges):
        submit_sheet(judge, subs[0], [30 + i, 15, "12.5", 10])
    path = tmp_path / "event.json"
    call_command("dump_event", "dump-me", str(path), verbosity=0)
    Score.objects.filter(sheet__appearance__event=event).update(value=Decimal(1))
    call_command("loaddata", str(path), verbosity=0)
    for sheet in ScoreSheet.objects.filter(appearance__event=event):
        assert_in_step(sheet)
        assert Decimal(1) not in rows_of(sheet).values()


def reference_results(event):
    """The results computed straight from the score rows, as before the text existed."""
    criteria = list(event.criteria.all())
    judges = list(event.judges.all())
    appearances = list(event.appearances.select_related("contestant"))
    recused = recused_pairs(judges, appearances, declared_recusals(event.pk))
    sheets: dict[int, dict[int, dict[int, Decimal]]] = {}
    for judge_id, sub_id, criterion_id, value in Score.objects.filter(
        sheet__appearance__event=event, sheet__status=ScoreSheet.Status.SUBMITTED
    ).values_list("sheet__judge_id", "sheet__appearance_id", "criterion_id", "value"):
        if (judge_id, sub_id) not in recused:
            sheets.setdefault(sub_id, {}).setdefault(judge_id, {})[criterion_id] = value
    specs = [c.spec for c in criteria]
    return {
        sub.pk: scoring.score_appearance(sheets.get(sub.pk, {}), specs, event_results(event).rule)
        for sub in appearances
    }


@pytest.mark.parametrize("method", ["mean", "trimmed", "trimmed_auto", "median"])
def test_results_from_the_text_equal_results_from_the_rows(method):
    rng = random.Random(method)
    event, criteria, subs, judges = build_event(
        appearances=6, judges=8, aggregation=method, precision=3
    )
    Recusal.objects.create(judge=judges[0], contestant=subs[1].contestant, reason="亲属")
    for sub in subs:
        for judge in judges:
            values = [Decimal(rng.randint(0, int(c.max_score) * 4)) / 4 for c in criteria]
            sheet = submit_sheet(judge, sub, values)
            if rng.random() < 0.15:  # some left as drafts: not counted
                ScoreSheet.objects.filter(pk=sheet.pk).update(status="draft", submitted_at=None)
    # A late draft without scores, and a reopened sheet, too.
    ScoreSheet.objects.filter(appearance=subs[2], judge=judges[3]).update(
        status="draft", submitted_at=None
    )
    ScoreSheet.objects.filter(appearance=subs[3], judge=judges[4]).update(
        submitted_at=timezone.now()
    )
    expected = reference_results(event)
    got = event_results(event)
    assert len(got.rows) == len(subs)
    for row in got.rows:
        want = expected[row.appearance.pk]
        assert row.result.final == want.final
        assert row.result.criterion_means == want.criterion_means
        assert row.result.totals == want.totals
        assert row.result.selection == want.selection
        assert row.result.exact == want.exact
