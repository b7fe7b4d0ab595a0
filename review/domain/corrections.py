"""Corrections after appearance: an organiser reopens a sheet with a written reason; when the
judge submits it again, every changed score is logged with old and new value and that reason."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from review.domain.audit import record
from review.models import AuditEntry, Event, Judge, ScoreSheet


class CorrectionRefused(Refused):
    pass


@transaction.atomic
def reopen_sheet(sheet: ScoreSheet, actor, reason: str) -> ScoreSheet:
    reason = (reason or "").strip()
    if not reason:
        raise CorrectionRefused(_("Write down why the sheet is reopened."))
    event = Event.objects.select_for_update().get(pk=sheet.appearance.event_id)
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    if event.status == Event.Status.PUBLISHED:
        raise CorrectionRefused(_("The results are published; unpublish them first."))
    if not sheet.is_submitted:
        raise CorrectionRefused(_("Only a submitted sheet can be reopened."))
    sheet.reopened_values = {
        str(c): str(v) for c, v in sheet.scores.values_list("criterion_id", "value")
    }
    sheet.reopen_reason = reason
    sheet.status = ScoreSheet.Status.DRAFT
    sheet.save(update_fields=["reopened_values", "reopen_reason", "status", "updated_at"])
    Judge.objects.filter(pk=sheet.judge_id).update(signed_off_at=None)
    record(
        event,
        actor,
        AuditEntry.Kind.REOPENED,
        appearance_id=sheet.appearance_id,
        judge_id=sheet.judge_id,
        reason=reason,
    )
    return sheet


def log_changes(sheet: ScoreSheet, event: Event, actor, new_values: dict[int, Decimal]) -> int:
    """Called inside the resubmitting transaction; closes the reopening."""
    old = {int(c): Decimal(v) for c, v in (sheet.reopened_values or {}).items()}
    changed = 0
    for criterion_id in sorted(set(old) | set(new_values)):
        before, after = old.get(criterion_id), new_values.get(criterion_id)
        if before != after:
            changed += 1
            record(
                event,
                actor,
                AuditEntry.Kind.SCORE_CHANGED,
                appearance_id=sheet.appearance_id,
                judge_id=sheet.judge_id,
                criterion_id=criterion_id,
                old_value=before,
                new_value=after,
                reason=sheet.reopen_reason,
            )
    sheet.reopened_values = None
    return changed
