"""Setting up a contest on the site: a new event from a preset, then its rounds, segments,
criteria and panels, and which judges sit in which panel. Each change is one audited step,
refused once the results are published; a part that already has scores cannot be removed."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from review.domain.audit import record
from review.domain.presets import PRESETS, Preset
from review.domain.roles import grant
from review.models import (
    AuditEntry,
    Criterion,
    Event,
    EventRole,
    Judge,
    Panel,
    PanelSeat,
    Round,
    Score,
    ScoreSheet,
    Segment,
    TieBreakRule,
)


class StructureRefused(Refused):
    pass


@transaction.atomic
def create_event(values: dict, preset_key: str, actor) -> Event:
    """A draft event shaped by the preset, with ``actor`` as its organiser."""
    if preset_key not in PRESETS:
        raise StructureRefused(_("Choose one of the shapes offered."))
    event = Event.objects.create(**values)  # its first round, segment and panel come with it
    preset = PRESETS[preset_key]
    build(event.rounds.get(), preset)
    for order, name in enumerate(preset.later_rounds, start=2):
        build(Round.objects.create(event=event, order=order, name=name), preset, name)
    grant(event, actor, EventRole.Role.ORGANISER, actor)
    record(
        event,
        actor,
        AuditEntry.Kind.SETTINGS,
        reason=_("Created as: %(p)s") % {"p": PRESETS[preset_key].label},
    )
    return event


def build(round_: Round, preset: Preset, name: str | None = None) -> Round:
    """Shape a round that has no scores yet as ``preset`` says (its segments, criteria and
    panels replaced)."""
    event_id = round_.event_id
    round_.name = name or preset.round_name
    round_.save()
    round_.segments.all().delete()
    round_.panels.all().delete()
    for order, plan in enumerate(preset.segments, start=1):
        segment = Segment.objects.create(
            round=round_,
            order=order,
            name=plan.name,
            weight=plan.weight,
            time_limit_seconds=plan.time_limit_seconds,
        )
        Criterion.objects.bulk_create(
            Criterion(event_id=event_id, segment=segment, name=name, max_score=top, order=i)
            for i, (name, top) in enumerate(plan.criteria, start=1)
        )
    Panel.objects.bulk_create(
        Panel(
            round=round_,
            order=order,
            name=plan.name,
            weight=plan.weight,
            aggregation=plan.aggregation,
            trim=plan.trim,
        )
        for order, plan in enumerate(preset.panels, start=1)
    )
    return round_


def _check_open(event: Event) -> Event:
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status == Event.Status.PUBLISHED:
        raise StructureRefused(
            _("The results are published; unpublish them before changing the contest's shape.")
        )
    return locked


@transaction.atomic
def save_part(event: Event, part, actor) -> None:
    """Add or change a round, segment, criterion or panel (already validated by its form)."""
    locked = _check_open(event)
    adding = part.pk is None
    try:
        part.full_clean()
    except ValidationError as invalid:
        # A constraint the form could not see (a sibling's name, an order taken): say which.
        raise StructureRefused("；".join(_problems(part, invalid))) from None
    part.save()
    verb = _("added") if adding else _("changed")
    record(
        locked, actor, AuditEntry.Kind.SETTINGS, reason=f"{part._meta.verbose_name} {part} {verb}"
    )


def _problems(part, invalid: ValidationError) -> list[str]:
    lines = []
    for name, problems in invalid.message_dict.items():
        label = part._meta.get_field(name).verbose_name if name != NON_FIELD_ERRORS else ""
        lines.extend(f"{label}: {p}" if label else p for p in problems)
    return lines


def _has_scores(part) -> bool:
    if isinstance(part, TieBreakRule):
        return False
    if isinstance(part, Criterion):
        return Score.objects.filter(criterion=part).exists()
    if isinstance(part, Segment):
        return ScoreSheet.objects.filter(segment=part).exists()
    if isinstance(part, Round):
        return ScoreSheet.objects.filter(segment__round=part).exists()
    return ScoreSheet.objects.filter(
        appearance__round=part.round_id, judge__in=panel_members(part)
    ).exists()


@transaction.atomic
def remove_part(event: Event, part, actor) -> None:
    """Remove a part without scores; a round, segment or panel must leave its parent one."""
    locked = _check_open(event)
    if _has_scores(part):
        raise StructureRefused(
            _("“%(part)s” already has scores and cannot be removed.") % {"part": part}
        )
    siblings = {
        Segment: lambda: Segment.objects.filter(round=part.round_id),
        Panel: lambda: Panel.objects.filter(round=part.round_id),
        Round: lambda: Round.objects.filter(event=locked),
    }
    if type(part) in siblings and siblings[type(part)]().count() < 2:
        raise StructureRefused(
            _("“%(part)s” is the last of its kind here and must stay.") % {"part": part}
        )
    name = f"{part._meta.verbose_name} {part}"
    part.delete()
    record(locked, actor, AuditEntry.Kind.SETTINGS, reason=f"{name} {_('removed')}")


def panel_members(panel: Panel) -> list[int]:
    """Judge ids in the panel: its seats, or for the round's first panel also every judge of
    the event seated nowhere in the round."""
    seated = dict(
        PanelSeat.objects.filter(panel__round=panel.round_id).values_list("judge", "panel")
    )
    first = Panel.objects.filter(round=panel.round_id).order_by("order").first()
    judges = Judge.objects.filter(event=panel.round.event_id).values_list("pk", flat=True)
    return [j for j in judges if seated.get(j) == panel.pk or (j not in seated and first == panel)]


@transaction.atomic
def seat_judges(event: Event, panel: Panel, judge_ids: set[int], actor) -> None:
    """Seat exactly these judges in the panel, taking them out of the round's other panels."""
    locked = _check_open(event)
    judges = set(Judge.objects.filter(event=locked, pk__in=judge_ids).values_list("pk", flat=True))
    if judges != set(judge_ids):
        raise StructureRefused(_("Some of the judges are not part of this event."))
    PanelSeat.objects.filter(panel__round=panel.round_id, judge__in=judges).exclude(
        panel=panel
    ).delete()
    PanelSeat.objects.filter(panel=panel).exclude(judge__in=judges).delete()
    PanelSeat.objects.bulk_create(
        [PanelSeat(panel=panel, judge_id=j) for j in judges], ignore_conflicts=True
    )
    record(
        locked,
        actor,
        AuditEntry.Kind.SETTINGS,
        reason=_("%(panel)s: %(n)s judges seated") % {"panel": panel, "n": len(judges)},
    )


@transaction.atomic
def move_round(event: Event, round_: Round, step: int, actor) -> bool:
    """Swap a round with the one before (``step`` −1) or after (+1) it. Rounds with appearances
    keep their places: advancement runs from one to the next."""
    locked = _check_open(event)
    rounds = list(Round.objects.select_for_update().filter(event=locked).order_by("order"))
    index = next(i for i, r in enumerate(rounds) if r.pk == round_.pk)
    other = index + step
    if not 0 <= other < len(rounds):
        return False
    first, second = rounds[index], rounds[other]
    if first.appearances.exists() or second.appearances.exists():
        raise StructureRefused(_("Rounds that have appearances keep their order."))
    first.order, second.order = second.order, first.order
    top = max(r.order for r in rounds) + 1
    Round.objects.filter(pk=first.pk).update(order=top)  # past the unique order for a moment
    Round.objects.filter(pk=second.pk).update(order=second.order)
    Round.objects.filter(pk=first.pk).update(order=first.order)
    moved = _("round %(name)s moved to place %(n)s") % {"name": first.name, "n": first.order}
    record(locked, actor, AuditEntry.Kind.SETTINGS, reason=moved)
    return True


@transaction.atomic
def copy_shape(event: Event, source: Round, target: Round, actor) -> None:
    """Give ``target`` the segments (with their criteria) and panels of ``source``: a round
    shaped once is not typed again. The target's own are replaced, so it must have no scores;
    panels come without judges (seat them on the page)."""
    locked = _check_open(event)
    if source.pk == target.pk or source.event_id != locked.pk or target.event_id != locked.pk:
        raise StructureRefused(_("Choose another round of this event to copy from."))
    if ScoreSheet.objects.filter(segment__round=target).exists():
        raise StructureRefused(_("This round has scores: its shape can no longer be replaced."))
    target.segments.all().delete()
    target.panels.all().delete()
    for segment in source.segments.all():
        criteria = list(segment.criteria.all())
        segment.pk, segment.round = None, target
        segment.save()
        for criterion in criteria:
            criterion.pk, criterion.segment = None, segment
        Criterion.objects.bulk_create(criteria)
    for panel in source.panels.all():
        panel.pk, panel.round = None, target
        panel.save()
    copied = _("%(target)s shaped like %(source)s") % {"target": target, "source": source}
    record(locked, actor, AuditEntry.Kind.SETTINGS, reason=copied)
