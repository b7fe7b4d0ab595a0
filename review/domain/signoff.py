"""签字确认: a judge confirms all their sheets once nothing is left for them to score."""

from django.db import transaction
from django.utils import timezone

from review.domain.audit import record
from review.domain.recusal import declared_recusals, recused_pairs
from review.models import AuditEntry, Event, ScoreSheet, Submission


def outstanding(judge) -> list[Submission]:
    """Reports the judge can still score (now or later) but has not submitted."""
    event = judge.event
    submissions = list(Submission.objects.filter(event=event).select_related("contestant__unit"))
    recused = recused_pairs([judge], submissions, declared_recusals(event.pk))
    submitted = set(
        ScoreSheet.objects.filter(judge=judge, status=ScoreSheet.Status.SUBMITTED).values_list(
            "submission_id", flat=True
        )
    )
    reopened = set(
        ScoreSheet.objects.filter(judge=judge, reopened_values__isnull=False).values_list(
            "submission_id", flat=True
        )
    )
    now = timezone.now()

    def still_scorable(sub):
        if sub.pk in reopened:
            return True
        if event.status != Event.Status.SCORING:
            return False
        if not event.live_show:
            return True
        return sub.phase == Submission.Phase.WAITING or sub.scoring_open_at(now)

    return [
        sub
        for sub in submissions
        if (judge.pk, sub.pk) not in recused and sub.pk not in submitted and still_scorable(sub)
    ]


@transaction.atomic
def sign_off(judge, actor) -> bool:
    """Record the sign-off; ``False`` if something is still to be scored."""
    if outstanding(judge):
        return False
    judge.signed_off_at = timezone.now()
    judge.save(update_fields=["signed_off_at"])
    record(judge.event, actor, AuditEntry.Kind.SIGNED_OFF, judge=judge)
    return True
