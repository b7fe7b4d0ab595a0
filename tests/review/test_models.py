"""Database constraints hold even when the forms are bypassed."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from review.models import Appearance, Criterion, Score, ScoreSheet, TieBreakRule
from tests.factories import build_event, submit_sheet

pytestmark = pytest.mark.django_db


def test_one_sheet_per_judge_and_appearance():
    _, _, (sub, *_), (judge, *_) = build_event()
    ScoreSheet.objects.create(judge=judge, appearance=sub)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreSheet.objects.create(judge=judge, appearance=sub)
    assert ScoreSheet.objects.count() == 1


def test_one_score_per_sheet_and_criterion():
    _, (crit, *_), (sub, *_), (judge, *_) = build_event()
    sheet = ScoreSheet.objects.create(judge=judge, appearance=sub)
    Score.objects.create(sheet=sheet, criterion=crit, value=Decimal(30))
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(sheet=sheet, criterion=crit, value=Decimal(31))
    assert list(sheet.scores.values_list("value", flat=True)) == [Decimal(30)]


def test_score_cannot_be_negative():
    _, (crit, *_), (sub, *_), (judge, *_) = build_event()
    sheet = ScoreSheet.objects.create(judge=judge, appearance=sub)
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(sheet=sheet, criterion=crit, value=Decimal("-0.5"))


def test_score_cannot_exceed_the_criterion_maximum():
    _, (crit, *_), (sub, *_), (judge, *_) = build_event()  # crit max 40
    sheet = ScoreSheet.objects.create(judge=judge, appearance=sub)
    Score.objects.create(sheet=sheet, criterion=crit, value=Decimal(40))
    score = Score.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.filter(pk=score.pk).update(value=Decimal("40.5"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.bulk_create([Score(sheet=sheet, criterion=crit, value=Decimal(41))])
    assert Score.objects.get().value == Decimal(40)


def test_lowering_a_maximum_below_given_scores_is_refused():
    _, (crit, *_), (sub, *_), (judge, *_) = build_event()
    submit_sheet(judge, sub, [38, 10, 10, 10])
    with pytest.raises(IntegrityError), transaction.atomic():
        Criterion.objects.filter(pk=crit.pk).update(max_score=Decimal(30))
    Criterion.objects.filter(pk=crit.pk).update(max_score=Decimal(38))
    crit.refresh_from_db()
    assert crit.max_score == Decimal(38)


def test_submitted_sheet_needs_a_time():
    _, _, (sub, *_), (judge, *_) = build_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreSheet.objects.create(judge=judge, appearance=sub, status="submitted")


def test_presentation_order_is_unique_in_an_event():
    event, _, (sub, *_), _ = build_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        Appearance.objects.create(
            event=event, contestant=sub.contestant, order=sub.order, title="again"
        )


def test_criterion_step_must_divide_the_maximum():
    event, *_ = build_event()
    criterion = Criterion(event=event, name="新", max_score=Decimal(10), step=Decimal(3))
    with pytest.raises(ValidationError) as error:
        criterion.full_clean()
    assert "step" in error.value.message_dict


def test_tie_break_on_a_criterion_names_one():
    event, *_ = build_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        TieBreakRule.objects.create(event=event, kind="criterion")
    with pytest.raises(IntegrityError), transaction.atomic():
        TieBreakRule.objects.create(event=event, kind="median", criterion=Criterion.objects.first())


def test_an_event_with_scores_can_be_deleted_but_not_a_scored_criterion():
    from django.db.models import RestrictedError

    from review.models import Event

    event, (crit, *_), (sub, *_), (judge, *_) = build_event()
    submit_sheet(judge, sub, [30, 15, 15, 15])
    with pytest.raises(RestrictedError), transaction.atomic():
        crit.delete()
    assert Score.objects.count() == 4
    event.delete()
    assert not Event.objects.exists() and not Score.objects.exists()
