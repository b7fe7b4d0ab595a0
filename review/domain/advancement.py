"""Who goes through to the next round (晋级): the top N, or the top p %, of a closed round.

A tie across the cut is never settled silently. :func:`plan_cut` shows it; the organiser then
lets every tied contestant through (:data:`Settle.ALL_TIED`) or picks among them, with a reason
(:data:`Settle.PICK`). Ranks already apply the round's tie-break chain, so a tie left at the cut
is one the chain could not break. The step is audited with the list and the reason."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.domain.refusals import Refused
from review.domain.audit import record
from review.models import Appearance, AuditEntry, Event, Round


class AdvancementRefused(Refused):
    pass


class Settle(StrEnum):
    NO_TIE = "no_tie"
    ALL_TIED = "all_tied"
    PICK = "pick"


@dataclass(frozen=True)
class Cut:
    seats: int
    sure: tuple[Appearance, ...]  # ranked clearly inside the cut
    tied: tuple[Appearance, ...]  # sharing the rank that straddles the cut
    open_seats: int  # seats left for the tied

    @property
    def has_tie(self) -> bool:
        return len(self.tied) > self.open_seats


def seats_for(field: int, count: int | None = None, percent: Decimal | None = None) -> int:
    """``count`` seats, or ``percent`` % of the field rounded half up (15 % of 23 = 3)."""
    if count is not None:
        return min(count, field)
    share = (Decimal(field) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return min(int(share), field)


def plan_cut(ranked: list[tuple[Appearance, int | None]], seats: int) -> Cut:
    """``ranked``: the round's appearances with their competition ranks (1, 2, 2, 4), in rank
    order; unranked ones (no score) never advance."""
    scored = [(sub, rank) for sub, rank in ranked if rank is not None]
    if seats >= len(scored):
        return Cut(seats, tuple(sub for sub, _rank in scored), (), 0)
    boundary = scored[seats - 1][1]
    sure = tuple(sub for sub, rank in scored if rank < boundary)
    tied = tuple(sub for sub, rank in scored if rank == boundary)
    return Cut(seats, sure, tied, seats - len(sure))


@transaction.atomic
def advance(
    event: Event,
    into: Round,
    cut: Cut,
    actor,
    settle: Settle = Settle.NO_TIE,
    picked: tuple[Appearance, ...] = (),
    reason: str = "",
) -> list[Appearance]:
    """Put the advancing contestants into ``into``'s running order, in rank order."""
    if into.appearances.exists():
        raise AdvancementRefused(_("%(round)s already has its running order.") % {"round": into})
    chosen = _chosen(cut, settle, picked, reason)
    made = [
        Appearance.objects.create(
            event=event, round=into, contestant=sub.contestant, order=i, title=sub.title
        )
        for i, sub in enumerate(chosen, start=1)
    ]
    names = "、".join(sub.contestant.name for sub in chosen)
    note = _("%(n)s into %(round)s: %(names)s") % {"n": len(chosen), "round": into, "names": names}
    if settle is not Settle.NO_TIE:
        note += "；" + _("tie at the cut settled: %(how)s %(reason)s") % {
            "how": SETTLE_TEXT[settle],
            "reason": reason,
        }
    record(event, actor, AuditEntry.Kind.ADVANCED, reason=note[:2000])
    return made


SETTLE_TEXT = {
    Settle.NO_TIE: "",
    Settle.ALL_TIED: gettext_lazy("every tied contestant advances"),
    Settle.PICK: gettext_lazy("the organiser picked"),
}


def _chosen(cut: Cut, settle: Settle, picked, reason: str) -> tuple[Appearance, ...]:
    if not cut.has_tie:
        return cut.sure + cut.tied
    if settle is Settle.ALL_TIED:
        return cut.sure + cut.tied
    if settle is Settle.PICK:
        tied_ids = {sub.pk for sub in cut.tied}
        if len(picked) != cut.open_seats or not {sub.pk for sub in picked} <= tied_ids:
            raise AdvancementRefused(
                _("Pick %(n)s of the tied contestants.") % {"n": cut.open_seats}
            )
        if not reason.strip():
            raise AdvancementRefused(_("Say why these contestants were picked."))
        return cut.sure + tuple(picked)
    raise AdvancementRefused(
        _("%(n)s contestants tie for the last %(seats)s places: choose how to settle it.")
        % {"n": len(cut.tied), "seats": cut.open_seats}
    )
