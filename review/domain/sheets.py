"""Saving a judge's score sheet: drafts, final appearance, and the checks that guard both.

Every save is one transaction that first locks the event row, so a submit racing the
organiser closing scoring either lands wholly before the close or is refused wholly after it.
"""

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from review.domain.corrections import log_changes
from review.domain.recusal import is_recused
from review.models import Appearance, Criterion, Event, Judge, Score, ScoreSheet, Segment


class SheetRefused(Refused):
    """The sheet may not be opened or changed; ``message`` says why, for the judge."""


def scoring_refusal(
    judge: Judge,
    appearance: Appearance,
    event: Event,
    sheet: ScoreSheet | None,
    now,
    *,
    recused: bool | None = None,
    segment: Segment | None = None,
) -> str | None:
    """Why the judge may not change their sheet for this report (and ``segment`` of it) now,
    or ``None`` if they may. In a live show only the segment opened is scored, or every
    segment when the report was opened as a whole.

    The one rule behind the scoring form, the live page that sends a phone to it, and the
    sign-off's list of what is left. A sheet an organiser reopened stays editable until
    resubmitted, while the event is in scoring or closed, whatever the live phase of its report.
    A judge who signed off has confirmed every sheet: nothing more until a sheet is reopened
    (which withdraws the sign-off).
    """
    if appearance.event_id != judge.event_id:
        return _("This report is not part of your event.")
    if sheet is not None and sheet.is_submitted:
        return _("This sheet was already submitted and can no longer be changed.")
    reopened = sheet is not None and sheet.is_reopened
    if reopened and event.status in (Event.Status.SCORING, Event.Status.CLOSED):
        return None
    if event.status != Event.Status.SCORING:
        return _("Scoring is not open for %(event)s (status: %(status)s).") % {
            "event": event.name,
            "status": event.get_status_display(),
        }
    if judge.signed_off_at is not None:
        return _("You have signed off; ask the organiser to reopen a sheet to change it.")
    if event.live_show and not appearance.scoring_open_at(now):
        if appearance.phase == Appearance.Phase.WAITING:
            message = _("Scoring for %(name)s has not started yet.")
        else:
            message = _("Scoring for %(name)s has closed.")
        return message % {"name": appearance.contestant.name}
    live = appearance.live_segment_id
    if event.live_show and segment is not None and live is not None and segment.pk != live:
        return _("“%(segment)s” is not being scored now.") % {"segment": segment.name}
    if is_recused(judge, appearance) if recused is None else recused:
        return _("You are recused from %(name)s and cannot score this report.") % {
            "name": appearance.contestant.name
        }
    return None


def check_can_score(
    judge: Judge,
    appearance: Appearance,
    event: Event,
    sheet: ScoreSheet | None = None,
    segment: Segment | None = None,
) -> None:
    """Raise :class:`SheetRefused` with :func:`scoring_refusal`'s reason, if any."""
    reason = scoring_refusal(judge, appearance, event, sheet, timezone.now(), segment=segment)
    if reason is not None:
        raise SheetRefused(reason)


def segment_of(appearance: Appearance, segment: Segment | None) -> Segment:
    """The segment a sheet is for: ``segment``, checked to be of the report's round; else the
    round's only one."""
    if segment is not None:
        if segment.round_id != appearance.round_id:
            raise SheetRefused(_("This segment is not part of the report's round."))
        return segment
    segments = list(Segment.objects.filter(round=appearance.round_id)[:2])
    if len(segments) != 1:
        raise SheetRefused(_("Choose the segment to score."))
    return segments[0]


def save_sheet(
    judge: Judge,
    appearance: Appearance,
    values: Mapping[int, Decimal | None],
    *,
    submit: bool,
    comment: str = "",
    actor=None,
    segment: Segment | None = None,
) -> ScoreSheet:
    """Store ``{criterion_id: value}`` (``None`` clears a draft value) of the judge's sheet for
    ``segment`` of the report (may be left out when its round has one), and optionally submit.

    A submitted sheet is final: it is never changed here.
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=judge.event_id)
        appearance = Appearance.objects.select_related("contestant").get(pk=appearance.pk)
        segment = segment_of(appearance, segment)
        sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(
            judge=judge, appearance=appearance, segment=segment
        )
        sheet.appearance = appearance  # already loaded: saves a query in the cache signal
        judge.signed_off_at = (
            Judge.objects.filter(pk=judge.pk).values_list("signed_off_at", flat=True).get()
        )
        check_can_score(judge, appearance, event, sheet, segment)
        criteria = list(Criterion.objects.filter(segment=segment).values_list("pk", flat=True))
        if submit and any(values.get(c) is None for c in criteria):
            raise SheetRefused(_("Every criterion needs a score before the sheet is submitted."))
        given = [
            Score(sheet=sheet, criterion_id=c, value=values[c])
            for c in criteria
            if values.get(c) is not None
        ]
        Score.objects.bulk_create(
            given,
            update_conflicts=True,
            unique_fields=["sheet", "criterion"],
            update_fields=["value"],
        )
        cleared = [c for c in criteria if values.get(c) is None]
        if cleared:
            sheet.scores.filter(criterion_id__in=cleared).delete()
        sheet.comment = comment
        if submit:
            if sheet.is_reopened:
                log_changes(sheet, event, actor, {s.criterion_id: s.value for s in given})
            sheet.status = ScoreSheet.Status.SUBMITTED
            sheet.submitted_at = timezone.now()
        sheet.save()
        return sheet
