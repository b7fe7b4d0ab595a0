"""The stage clock and the 加分/扣分: every start, stop and correction of a clock and every
adjustment goes through here — checked, audited, and (for the over-time rule) recomputed from
the clock whenever it stops or is corrected."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from common.scoring import adjust
from review.domain.audit import record
from review.models import (
    Adjustment,
    AdjustmentRule,
    Appearance,
    AuditEntry,
    Event,
    Segment,
    StageClock,
)

REASON_LENGTH = 200
#: A correction beyond this many seconds on stage is a typing slip.
MAX_SECONDS = Decimal(24 * 3600)


class StageRefused(Refused):
    pass


def _locked(event: Event) -> Event:
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status == Event.Status.PUBLISHED:
        raise StageRefused(_("The results are published; unpublish them first."))
    return locked


def _part(event: Event, appearance: Appearance, segment: Segment) -> StageClock:
    if appearance.event_id != event.pk or segment.round_id != appearance.round_id:
        raise StageRefused(_("This segment is not part of that appearance's round."))
    clock, _created = StageClock.objects.select_for_update().get_or_create(
        appearance=appearance, segment=segment
    )
    return clock


def _clock_note(appearance, segment, what: str) -> str:
    return f"{appearance.contestant.name} · {segment.name}: {what}"


def _seconds_text(seconds: Decimal) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}:{rest:04.1f}"


@transaction.atomic
def start_clock(event: Event, appearance: Appearance, segment: Segment, actor) -> bool:
    locked = _locked(event)
    clock = _part(locked, appearance, segment)
    if clock.running:
        return False
    _stop_others(locked, clock, actor)
    clock.started_at = timezone.now()
    clock.save(update_fields=["started_at"])
    record(locked, actor, AuditEntry.Kind.CLOCK, appearance_id=appearance.pk,
           reason=_clock_note(appearance, segment, _("clock started")))  # fmt: skip
    return True


def _stop_others(event: Event, keep: StageClock, actor) -> None:
    """One clock runs at a time: starting one stops any other."""
    for other in (
        StageClock.objects.select_for_update()
        .filter(appearance__event=event, started_at__isnull=False)
        .exclude(pk=keep.pk)
        .select_related("appearance__contestant", "segment")
    ):
        _stop(event, other, actor)


@transaction.atomic
def stop_clock(event: Event, appearance: Appearance, segment: Segment, actor) -> bool:
    locked = _locked(event)
    clock = _part(locked, appearance, segment)
    if not clock.running:
        return False
    _stop(locked, clock, actor)
    return True


def _stop(event: Event, clock: StageClock, actor) -> None:
    clock.elapsed_seconds = clock.elapsed_at(timezone.now())
    clock.started_at = None
    clock.save(update_fields=["elapsed_seconds", "started_at"])
    note = _("clock stopped at %(time)s") % {"time": _seconds_text(clock.elapsed_seconds)}
    record(event, actor, AuditEntry.Kind.CLOCK, appearance_id=clock.appearance_id,
           reason=_clock_note(clock.appearance, clock.segment, note))  # fmt: skip
    _apply_overtime(event, clock, actor)


@transaction.atomic
def correct_clock(
    event: Event, appearance: Appearance, segment: Segment, seconds, reason: str, actor
) -> None:
    """Set the time on stage by hand (the clock was started late, forgotten…), with a reason."""
    locked = _locked(event)
    reason = (reason or "").strip()[:REASON_LENGTH]
    if not reason:
        raise StageRefused(_("Write down why the time is corrected."))
    try:
        seconds = Decimal(str(seconds))
        if not (seconds.is_finite() and Decimal(0) <= seconds <= MAX_SECONDS):
            raise ValueError
        seconds = seconds.quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise StageRefused(_("The time on stage is a number of seconds.")) from None
    clock = _part(locked, appearance, segment)
    now = timezone.now()
    old = clock.elapsed_at(now)
    # A running clock keeps running from the corrected time; a stopped one stays stopped.
    clock.elapsed_seconds, clock.started_at = seconds, (now if clock.running else None)
    clock.save(update_fields=["elapsed_seconds", "started_at"])
    note = f"{_seconds_text(old)} → {_seconds_text(seconds)}（{reason}）"
    record(locked, actor, AuditEntry.Kind.CLOCK, appearance_id=appearance.pk,
           reason=_clock_note(appearance, segment, _("time corrected") + " " + note))  # fmt: skip
    _apply_overtime(locked, clock, actor)


def _apply_overtime(event: Event, clock: StageClock, actor) -> None:
    for rule in AdjustmentRule.objects.filter(
        segment=clock.segment_id, kind=AdjustmentRule.Kind.OVERTIME
    ):
        points = adjust.overtime_points(
            rule.spec, clock.elapsed_seconds, clock.segment.time_limit_seconds
        )
        _store(event, rule, clock.appearance, actor, points, seconds=clock.elapsed_seconds)


def _store(event, rule, appearance, actor, points, *, count=None, seconds=None, reason=""):
    existing = Adjustment.objects.filter(rule=rule, appearance=appearance).first()
    old = existing.points if existing else Decimal(0)
    if points == 0 and existing is None:
        return
    Adjustment.objects.update_or_create(
        rule=rule,
        appearance=appearance,
        defaults={"points": points, "count": count, "seconds": seconds,
                  "reason": reason, "actor": actor if getattr(actor, "is_authenticated", False)
                  else None},
    )  # fmt: skip
    if old != points:
        what = f"{rule.name} · {appearance.contestant.name}: {old:+} → {points:+}"
        record(event, actor, AuditEntry.Kind.ADJUSTED, appearance_id=appearance.pk,
               reason=f"{what} {reason}".strip())  # fmt: skip


@transaction.atomic
def set_adjustment(
    event: Event, rule: AdjustmentRule, appearance: Appearance, actor, *, value, reason: str
) -> Decimal:
    """The organiser's entry for a MANUAL rule (points) or a COUNT rule (the count)."""
    locked = _locked(event)
    reason = (reason or "").strip()[:REASON_LENGTH]
    if rule.round_id != appearance.round_id:
        raise StageRefused(_("This rule is not of that appearance's round."))
    if rule.kind == AdjustmentRule.Kind.OVERTIME:
        raise StageRefused(_("The over-time deduction comes from the stage clock."))
    if not reason:
        raise StageRefused(_("Write down the reason for the bonus or penalty."))
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or number < 0 or number > 100000:
        raise StageRefused(_("Enter a number from 0 to 100000."))
    if rule.kind == AdjustmentRule.Kind.COUNT:
        if number != number.to_integral_value():
            raise StageRefused(_("A count is a whole number."))
        points = adjust.count_points(rule.spec, int(number))
        _store(locked, rule, appearance, actor, points, count=int(number), reason=reason)
    else:
        if number.as_tuple().exponent < -3:
            raise StageRefused(_("Points have at most three decimals."))
        points = adjust.manual_points(rule.spec, number)
        _store(locked, rule, appearance, actor, points, reason=reason)
    return points


@transaction.atomic
def save_rule(event: Event, rule: AdjustmentRule, actor) -> None:
    locked = _locked(event)
    if rule.round.event_id != locked.pk:
        raise StageRefused(_("This round is not part of the event."))
    if rule.pk is None and rule.order is None:
        siblings = AdjustmentRule.objects.filter(round=rule.round)
        rule.order = max((r.order for r in siblings), default=0) + 1
    if rule.segment_id and rule.segment.round_id != rule.round_id:
        raise StageRefused(_("This segment is not part of that appearance's round."))
    if rule.pk is not None and rule.adjustments.exists():
        raise StageRefused(_("The rule has given points already; remove them first."))
    try:
        rule.full_clean(exclude=["round"])
    except ValidationError as error:
        raise StageRefused(" ".join(error.messages)) from error
    rule.save()
    record(locked, actor, AuditEntry.Kind.ADJUSTED, reason=f"{rule.round} · {rule.name}: "
           + _("rule saved"))  # fmt: skip
    if rule.kind == AdjustmentRule.Kind.OVERTIME:
        for clock in StageClock.objects.filter(segment=rule.segment_id, started_at__isnull=True):
            _apply_overtime(locked, clock, actor)


@transaction.atomic
def remove_rule(event: Event, rule: AdjustmentRule, actor) -> None:
    locked = _locked(event)
    given = rule.adjustments.exclude(points=0).count()
    name = f"{rule.round} · {rule.name}"
    rule.delete()
    note = _("rule removed with %(n)s adjustments") % {"n": given}
    record(locked, actor, AuditEntry.Kind.ADJUSTED, reason=f"{name}: {note}")
