"""签字确认: a judge confirms all their sheets once nothing is left for them to score."""

from django.db import transaction
from django.utils import timezone

from review.domain.audit import record
from review.domain.recusal import declared_recusals, recused_pairs
from review.domain.sheets import scoring_refusal
from review.models import AuditEntry, Event, ScoreSheet, Submission


def outstanding(judge) -> list[Submission]:
    """Reports the judge can still score, now (``scoring_refusal`` says yes) or later (a live
    show's report not yet opened), and has not submitted. Nothing is left for a judge who
    signed off, except reports of a live show not yet opened."""
    event = judge.event
    submissions = list(Submission.objects.filter(event=event).select_related("contestant__unit"))
    recused = recused_pairs([judge], submissions, declared_recusals(event.pk))
    sheets = {s.submission_id: s for s in ScoreSheet.objects.filter(judge=judge)}
    now = timezone.now()

    def still_scorable(sub):
        if scoring_refusal(judge, sub, event, sheets.get(sub.pk), now, recused=False) is None:
            return True
        return (
            event.status == Event.Status.SCORING
            and event.live_show
            and sub.phase == Submission.Phase.WAITING
        )

    return [
        sub
        for sub in submissions
        if (judge.pk, sub.pk) not in recused
        and not (sub.pk in sheets and sheets[sub.pk].is_submitted)
        and still_scorable(sub)
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
