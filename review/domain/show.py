"""The live show, step by step: who is presenting, scoring open and closed, the reveal.

Each step locks the event row first (as saving a sheet does), so a judge's submit and the
organiser's close never interleave. Steps are idempotent: a second click changes nothing and
logs nothing.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from review.domain import awards
from review.domain.audit import record
from review.domain.recusal import declared_recusals, recused_pairs
from review.models import Appearance, AuditEntry, Event, Judge, ScoreSheet, Segment

#: Event status changes an organiser may make: ``{from: {to, …}}``.
EVENT_STEPS = {
    Event.Status.DRAFT: {Event.Status.SCORING},
    Event.Status.SCORING: {Event.Status.CLOSED, Event.Status.DRAFT},
    Event.Status.CLOSED: {Event.Status.SCORING, Event.Status.PUBLISHED},
    Event.Status.PUBLISHED: {Event.Status.CLOSED},
}


class ShowRefused(Refused):
    pass


class MissingSheets(ShowRefused):
    """Revealing now would publish a score with judges still missing."""

    def __init__(self, missing: int, expected: int):
        super().__init__(
            _("%(missing)s of %(expected)s judges have not submitted yet.")
            % {"missing": missing, "expected": expected}
        )
        self.missing = missing


def _lock_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _lock(event: Event, appearance: Appearance) -> tuple[Event, Appearance]:
    locked = _lock_event(event)
    sub = Appearance.objects.select_related("contestant").get(pk=appearance.pk)
    if sub.event_id != locked.pk:
        raise ShowRefused(_("This report is not part of the event."))
    return locked, sub


#: The forward step from each status (the control room's primary button).
FORWARD = {
    Event.Status.DRAFT: Event.Status.SCORING,
    Event.Status.SCORING: Event.Status.CLOSED,
    Event.Status.CLOSED: Event.Status.PUBLISHED,
}


@dataclass(frozen=True)
class Step:
    status: str
    label: str
    primary: bool
    #: What the step does to judges and the audience, said before it is confirmed ("" if
    #: nothing they would notice).
    warning: str


def step_warning(old: str, new: str) -> str:
    if old == Event.Status.SCORING and new == Event.Status.DRAFT:
        return _(
            "Every judge is locked out at once and any open report stops scoring; phones, the "
            "control room and the big screen show the event as a draft."
        )
    if old == Event.Status.SCORING and new == Event.Status.CLOSED:
        return _(
            "Scoring ends for every report: judges can no longer submit, and a report still "
            "open is closed now. QR codes stop working."
        )
    if old == Event.Status.PUBLISHED:
        return _("The ranking is taken off the public pages until it is published again.")
    if new == Event.Status.PUBLISHED:
        return _("Everyone can see the ranking and the big screen shows the final results.")
    return ""


def next_steps(status: str) -> list[Step]:
    """The statuses an event may go to next, the forward one first."""
    steps = sorted(EVENT_STEPS[status], key=lambda s: s != FORWARD.get(status))
    return [
        Step(s, Event.Status(s).label, s == FORWARD.get(status), step_warning(status, s))
        for s in steps
    ]


def reopened_sheets(event: Event) -> int:
    return ScoreSheet.objects.filter(appearance__event=event, reopened_values__isnull=False).count()


@transaction.atomic
def set_event_status(event: Event, status: str, actor) -> bool:
    """The one way an event's status changes (control room, admin, commands): checks the step,
    closes a report still open when scoring ends, logs who did it; caches refresh on commit."""
    locked = _lock_event(event)
    if locked.status == status:
        return False
    if status not in EVENT_STEPS[locked.status]:
        raise ShowRefused(
            _("An event cannot go from “%(old)s” to “%(new)s”.")
            % {"old": locked.get_status_display(), "new": Event.Status(status).label}
        )
    if status == Event.Status.PUBLISHED:
        reopened = reopened_sheets(locked)
        if reopened:
            raise ShowRefused(
                _(
                    "%(n)s reopened sheet(s) are not submitted again yet: publishing would show "
                    "results without them."
                )
                % {"n": reopened}
            )
    old = locked.status
    if old == Event.Status.SCORING:
        for sub in Appearance.objects.filter(event=locked, phase=Appearance.Phase.OPEN):
            _close(locked, sub, actor)
    record(
        locked,
        actor,
        AuditEntry.Kind.STATUS,
        reason=f"{Event.Status(old).label} → {Event.Status(status).label}",
    )
    if status == Event.Status.PUBLISHED:
        try:
            awards.freeze(locked, actor)
        except awards.AwardsRefused as refused:
            raise ShowRefused(refused.message) from refused
    elif old == Event.Status.PUBLISHED:
        awards.thaw(locked)
    locked.status = status
    locked.save(update_fields=["status"])
    if event is not locked:
        event.status = status
    return True


def _check_stage(locked: Event) -> None:
    """Who is on stage may change in any state but a published one, whose results are final."""
    if locked.status == Event.Status.PUBLISHED:
        raise ShowRefused(_("The results are published: the stage no longer moves."))


@transaction.atomic
def set_presenting(event: Event, appearance: Appearance, actor) -> bool:
    locked, sub = _lock(event, appearance)
    if locked.presenting_id == sub.pk:
        return False
    _check_stage(locked)
    locked.presenting = sub
    locked.save(update_fields=["presenting"])
    record(locked, actor, AuditEntry.Kind.PRESENTING, appearance=sub)
    return True


@transaction.atomic
def advance(event: Event, actor) -> Appearance:
    """Move to the next report of the same round in running order (none on stage yet: the
    first report of the first round)."""
    locked = _lock_event(event)
    _check_stage(locked)
    current = locked.presenting
    if current is None:
        following = (
            Appearance.objects.filter(event=locked).order_by("round__order", "order").first()
        )
    else:
        following = (
            Appearance.objects.filter(round=current.round_id, order__gt=current.order)
            .order_by("order")
            .first()
        )
    if following is None:
        raise ShowRefused(_("This is the last report of the round."))
    locked.presenting = following
    locked.save(update_fields=["presenting"])
    record(locked, actor, AuditEntry.Kind.PRESENTING, appearance=following)
    return following


def _check_opening(locked: Event, sub: Appearance, segment: Segment | None) -> None:
    if locked.status != Event.Status.SCORING:
        raise ShowRefused(_("Start the event (status “scoring”) before opening scoring."))
    if sub.phase == Appearance.Phase.REVEALED:
        raise ShowRefused(
            _("%(name)s is already revealed; correct a sheet by reopening it instead.")
            % {"name": sub.contestant.name}
        )
    if segment is not None and segment.round_id != sub.round_id:
        raise ShowRefused(_("This segment is not part of the report's round."))


@transaction.atomic
def open_scoring(
    event: Event,
    appearance: Appearance,
    actor,
    seconds: int | None = None,
    segment: Segment | None = None,
) -> bool:
    """Open scoring of the report: of one ``segment`` of it, or of all its segments at once.

    Opening another segment while one is open closes that one first (both audited)."""
    locked, sub = _lock(event, appearance)
    _check_opening(locked, sub, segment)
    if locked.presenting_id != sub.pk:  # scoring a report puts it on stage
        locked.presenting = sub
        locked.save(update_fields=["presenting"])
        record(locked, actor, AuditEntry.Kind.PRESENTING, appearance=sub)
    now = timezone.now()
    wanted = segment.pk if segment else None
    if sub.scoring_open_at(now):
        if sub.live_segment_id == wanted:
            return False
        _close(locked, sub, actor)
    seconds = locked.scoring_seconds if seconds is None else seconds
    sub.phase = Appearance.Phase.OPEN
    sub.live_segment = segment
    sub.opened_at = now
    sub.closes_at = now + timedelta(seconds=seconds) if seconds else None
    sub.save(update_fields=["phase", "live_segment", "opened_at", "closes_at"])
    record(
        locked,
        actor,
        AuditEntry.Kind.OPENED,
        appearance=sub,
        reason=segment.name if segment else "",
    )
    return True


def _close(locked, sub, actor) -> bool:
    if sub.phase in (Appearance.Phase.CLOSED, Appearance.Phase.REVEALED, Appearance.Phase.WAITING):
        return False
    now = timezone.now()
    sub.phase = Appearance.Phase.CLOSED
    if sub.closes_at is None or sub.closes_at > now:
        sub.closes_at = now
    sub.save(update_fields=["phase", "closes_at"])
    record(locked, actor, AuditEntry.Kind.CLOSED, appearance=sub)
    return True


@transaction.atomic
def close_scoring(event: Event, appearance: Appearance, actor) -> bool:
    locked, sub = _lock(event, appearance)
    return _close(locked, sub, actor)


def missing_sheets(event: Event, appearance: Appearance) -> tuple[int, int]:
    """``(missing, expected)`` judges not recused, and those of them without a submitted sheet
    for every segment of the report's round."""
    judges = list(Judge.objects.filter(event=event))
    recused = recused_pairs(judges, [appearance], declared_recusals(event.pk))
    expected = {j.pk for j in judges if (j.pk, appearance.pk) not in recused}
    segments = Segment.objects.filter(round=appearance.round_id).count()
    per_judge = Counter(
        ScoreSheet.objects.filter(
            appearance=appearance, status=ScoreSheet.Status.SUBMITTED, judge_id__in=expected
        ).values_list("judge_id", flat=True)
    )
    complete = {judge for judge, sheets in per_judge.items() if sheets >= segments}
    return len(expected - complete), len(expected)


@transaction.atomic
def reveal(event: Event, appearance: Appearance, actor, *, override: bool = False) -> bool:
    """Close scoring if still open and show the result; refuses with judges missing unless
    ``override``."""
    locked, sub = _lock(event, appearance)
    if sub.phase == Appearance.Phase.REVEALED:
        return False
    missing, expected = missing_sheets(locked, sub)
    if not ScoreSheet.objects.filter(appearance=sub, status=ScoreSheet.Status.SUBMITTED).exists():
        raise ShowRefused(
            _("No sheet has been submitted for %(name)s.") % {"name": sub.contestant.name}
        )
    if missing and not override:
        raise MissingSheets(missing, expected)
    _close(locked, sub, actor)
    sub.phase = Appearance.Phase.REVEALED
    sub.revealed_at = timezone.now()
    sub.save(update_fields=["phase", "revealed_at"])
    reason = _("revealed with %(n)s sheet(s) missing") % {"n": missing} if missing else ""
    record(locked, actor, AuditEntry.Kind.REVEALED, appearance=sub, reason=reason)
    return True
