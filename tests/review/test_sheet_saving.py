"""Saving a sheet is all or nothing."""

from decimal import Decimal

import pytest
from django.db import IntegrityError

from review.domain.sheets import SheetRefused, save_sheet
from review.models import Event, Score, ScoreSheet
from tests.factories import build_event

pytestmark = pytest.mark.django_db


def test_a_failing_score_leaves_no_half_saved_sheet():
    event, criteria, (sub, *_), (judge, *_) = build_event()
    values = {c.pk: Decimal(10) for c in criteria}
    values[criteria[-1].pk] = Decimal(25)  # over the maximum of 20: the database refuses
    with pytest.raises(IntegrityError):
        save_sheet(judge, sub, values, submit=True)
    assert not ScoreSheet.objects.exists()
    assert not Score.objects.exists()


def test_submit_needs_every_criterion():
    event, criteria, (sub, *_), (judge, *_) = build_event()
    with pytest.raises(SheetRefused):
        save_sheet(judge, sub, {criteria[0].pk: Decimal(10)}, submit=True)
    assert not ScoreSheet.objects.exists()


def test_submitted_sheet_is_never_changed():
    event, criteria, (sub, *_), (judge, *_) = build_event()
    save_sheet(judge, sub, {c.pk: Decimal(10) for c in criteria}, submit=True)
    with pytest.raises(SheetRefused):
        save_sheet(judge, sub, {c.pk: Decimal(11) for c in criteria}, submit=True)
    assert set(Score.objects.values_list("value", flat=True)) == {Decimal(10)}


def test_closing_wins_over_a_later_submit():
    event, criteria, (sub, *_), (judge, *_) = build_event()
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CLOSED)
    with pytest.raises(SheetRefused):
        save_sheet(judge, sub, {c.pk: Decimal(10) for c in criteria}, submit=True)
    assert not ScoreSheet.objects.exists()
