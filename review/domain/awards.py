"""Every change to a round's awards: tiers and 单项奖 set up, the organiser's pick at a tie, the
judges' ballot, and the freezing of the list when the event is published.

Awards are computed from the ranking until publication (``review.queries.awards``); publishing
freezes them (:func:`freeze`, called by ``domain.show.set_event_status``) and is refused while a
tie is undecided. Corrections are refused while published, so a frozen award can only change
after the organiser unpublishes (:func:`thaw`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from review.domain.audit import record
from review.domain.recusal import is_recused
from review.models import (
    Appearance,
    AuditEntry,
    AwardPick,
    AwardTier,
    Event,
    FrozenAward,
    Judge,
    Nomination,
    Round,
    SpecialAward,
)
from review.queries.awards import round_awards
from review.queries.structure import rounds_of

#: Longest reason kept for a pick.
REASON_LENGTH = 500


class AwardsRefused(Refused):
    pass


def _editable(event: Event) -> None:
    if event.status == Event.Status.PUBLISHED:
        raise AwardsRefused(_("The results are published; unpublish them first."))


@transaction.atomic
def save_part(event: Event, part: AwardTier | SpecialAward, actor) -> None:
    """Create or change a tier or a 单项奖 (validated by the model's own rules)."""
    _editable(Event.objects.select_for_update().get(pk=event.pk))
    if part.round.event_id != event.pk:
        raise AwardsRefused(_("This round is not part of the event."))
    if part.order is None:
        siblings = type(part).objects.filter(round=part.round)
        part.order = max((p.order for p in siblings), default=0) + 1
    try:
        part.full_clean(exclude=["round"])
    except ValidationError as error:
        raise AwardsRefused(" ".join(error.messages)) from error
    created = part.pk is None
    part.save()
    if isinstance(part, SpecialAward) and part.source == SpecialAward.Source.AUDIENCE:
        from review.models import AudiencePoll

        AudiencePoll.objects.get_or_create(award=part)
    verb = _("added") if created else _("changed")
    record(event, actor, AuditEntry.Kind.AWARDS, reason=f"{part.round} · {part.name} {verb}")


@transaction.atomic
def remove_part(event: Event, part: AwardTier | SpecialAward, actor) -> None:
    _editable(Event.objects.select_for_update().get(pk=event.pk))
    name = f"{part.round} · {part.name}"
    part.delete()
    record(event, actor, AuditEntry.Kind.AWARDS, reason=name + " " + _("removed"))


@transaction.atomic
def set_specials_exclusive(event: Event, round_: Round, exclusive: bool, actor) -> None:
    """Whether a contestant may win more than one 单项奖 of the round."""
    _editable(Event.objects.select_for_update().get(pk=event.pk))
    if round_.specials_exclusive == exclusive:
        return
    round_.specials_exclusive = exclusive
    round_.save(update_fields=["specials_exclusive"])
    state = _("at most one special award each") if exclusive else _("several special awards each")
    record(event, actor, AuditEntry.Kind.AWARDS, reason=f"{round_}: {state}")


@transaction.atomic
def pick(
    event: Event,
    target: AwardTier | SpecialAward,
    chosen: list[Appearance],
    reason: str,
    actor,
) -> None:
    """Settle a tie at ``target``: ``chosen`` get the tier (or the 单项奖), said why."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    _editable(locked)
    reason = (reason or "").strip()[:REASON_LENGTH]
    if not reason:
        raise AwardsRefused(_("Say why these contestants were picked."))
    awards = round_awards(locked, target.round)
    tie = next(((t, tied, n) for t, tied, n in awards.open_ties() if t == target), None)
    if tie is None:
        raise AwardsRefused(_("There is no undecided tie at %(award)s.") % {"award": target})
    _target, tied, open_seats = tie
    tied_ids = {s.appearance.pk for s in tied}
    chosen_ids = {s.pk for s in chosen}
    if len(chosen_ids) != open_seats or not chosen_ids <= tied_ids:
        raise AwardsRefused(_("Pick %(n)s of the tied contestants.") % {"n": open_seats})
    field = "tier" if isinstance(target, AwardTier) else "special"
    AwardPick.objects.filter(**{field: target}).delete()
    for sub in chosen:
        AwardPick.objects.create(
            round=target.round, appearance=sub, reason=reason, actor=_user(actor), **{field: target}
        )
    names = "、".join(sub.contestant.name for sub in chosen)
    record(
        locked,
        actor,
        AuditEntry.Kind.AWARD_PICKED,
        reason=f"{target}: {names} — {reason}",
    )


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic
def set_ballot(event: Event, special: SpecialAward, is_open: bool, actor) -> bool:
    """Open or close the judges' ballot of a 单项奖."""
    _editable(Event.objects.select_for_update().get(pk=event.pk))
    special = SpecialAward.objects.select_for_update().get(pk=special.pk)
    if special.source != SpecialAward.Source.BALLOT:
        raise AwardsRefused(
            _("%(award)s is not decided by the judges' ballot.") % {"award": special}
        )
    if special.ballot_open == is_open:
        return False
    special.ballot_open = is_open
    special.save(update_fields=["ballot_open"])
    state = _("ballot opened") if is_open else _("ballot closed")
    record(event, actor, AuditEntry.Kind.AWARDS, reason=f"{special}: {state}")
    return True


@transaction.atomic
def nominate(judge: Judge, special: SpecialAward, appearance: Appearance) -> Nomination:
    """A judge's one nomination (a new one replaces the judge's earlier one)."""
    special = SpecialAward.objects.select_for_update().get(pk=special.pk)
    if not special.ballot_open:
        raise AwardsRefused(_("The ballot for %(award)s is not open.") % {"award": special})
    if appearance.round_id != special.round_id:
        raise AwardsRefused(_("This contestant is not in %(round)s.") % {"round": special.round})
    if is_recused(judge, appearance):
        raise AwardsRefused(_("You are recused from this contestant."))
    nomination, _created = Nomination.objects.update_or_create(
        award=special, judge=judge, defaults={"appearance": appearance}
    )
    return nomination


def freeze(event: Event, actor) -> int:
    """Keep every round's awards as they stand; called inside the publishing transaction."""
    made = 0
    for round_ in rounds_of(event):
        awards = round_awards(event, round_)
        if awards.frozen or not awards.has_awards:
            continue
        if not awards.complete:
            raise AwardsRefused(
                _("A tie in the awards of %(round)s is undecided: settle it on the awards page.")
                % {"round": round_}
            )
        FrozenAward.objects.bulk_create(
            FrozenAward(
                round=round_,
                order=i,
                tier=line.tier,
                special=line.special,
                name=line.name,
                appearance=line.appearance,
                rank=line.rank,
                score=line.score,
            )
            for i, line in enumerate(awards.lines, start=1)
        )
        made += len(awards.lines)
    if made:
        record(event, actor, AuditEntry.Kind.AWARDS_FROZEN, reason=_("%(n)s awards") % {"n": made})
    return made


def thaw(event: Event) -> None:
    """Unpublishing: the awards are computed again from the ranking."""
    FrozenAward.objects.filter(round__event=event).delete()
