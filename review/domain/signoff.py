"""签字确认: a judge confirms all their sheets once nothing is left for them to score."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from review.domain.audit import record
from review.domain.recusal import declared_recusals, recused_pairs
from review.domain.sheets import scoring_refusal
from review.models import Appearance, AuditEntry, Event, ScoreSheet, Segment


def outstanding(judge) -> list[Appearance]:
    """Reports the judge can still score — a segment of them now (``scoring_refusal`` says
    yes) or later (a live show's report not yet opened, or another segment of a report scored
    segment by segment) — and has not submitted. Nothing is left for a judge who signed off,
    except what a live show has not opened yet."""
    event = judge.event
    appearances = list(Appearance.objects.filter(event=event).select_related("contestant__unit"))
    recused = recused_pairs([judge], appearances, declared_recusals(event.pk))
    sheets = {(s.appearance_id, s.segment_id): s for s in ScoreSheet.objects.filter(judge=judge)}
    segments = defaultdict(list)
    for segment in Segment.objects.filter(round__event=event):
        segments[segment.round_id].append(segment)
    now = timezone.now()

    def later(sub, segment):
        if not (event.status == Event.Status.SCORING and event.live_show):
            return False
        if sub.phase == Appearance.Phase.WAITING:
            return True
        by_segment = sub.live_segment_id is not None and sub.phase != Appearance.Phase.REVEALED
        return by_segment and segment.pk != sub.live_segment_id

    def left(sub, segment):
        sheet = sheets.get((sub.pk, segment.pk))
        if sheet is not None and sheet.is_submitted:
            return False
        refusal = scoring_refusal(judge, sub, event, sheet, now, recused=False, segment=segment)
        return refusal is None or later(sub, segment)

    return [
        sub
        for sub in appearances
        if (judge.pk, sub.pk) not in recused
        and any(left(sub, segment) for segment in segments[sub.round_id])
    ]


@transaction.atomic
def sign_off(judge, actor) -> bool:
    """Record the sign-off; ``False`` if something is still to be scored.

    Locks the event row, as saving a sheet does, so a sheet cannot land beside a sign-off."""
    Event.objects.select_for_update().get(pk=judge.event_id)
    if outstanding(judge):
        return False
    judge.signed_off_at = timezone.now()
    judge.save(update_fields=["signed_off_at"])
    record(judge.event, actor, AuditEntry.Kind.SIGNED_OFF, judge=judge)
    return True
