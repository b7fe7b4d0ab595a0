"""The awards ceremony on the big screen: the organiser starts it for a round, then each click
reveals the next name — tier by tier from the lowest, then the 单项奖 — and a last click shows
the full list. Every step is checked and audited; the screen follows through the cache."""

from django.db import transaction
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from review.domain.audit import record
from review.models import AuditEntry, Event, Round
from review.queries.awards import round_awards


class CeremonyRefused(Refused):
    pass


class Step:
    START = "start"
    NEXT = "next"
    BACK = "back"
    FULL = "full"
    END = "end"


@transaction.atomic
def ceremony_step(event: Event, round_: Round | None, step: str, actor) -> int:
    """Take one step; returns the names now shown (one past the last: the full list)."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if step == Step.START:
        if round_ is None or round_.event_id != locked.pk:
            raise CeremonyRefused(_("This round is not part of the event."))
        awards = round_awards(locked, round_)
        if not awards.lines:
            raise CeremonyRefused(_("%(round)s has no awards to present.") % {"round": round_})
        if not awards.complete:
            raise CeremonyRefused(
                _("A tie in the awards of %(round)s is undecided: settle it on the awards page.")
                % {"round": round_}
            )
        locked.ceremony_round, locked.ceremony_step = round_, 0
    elif locked.ceremony_round_id is None:
        raise CeremonyRefused(_("The ceremony has not started."))
    elif step == Step.END:
        locked.ceremony_round, locked.ceremony_step = None, 0
    else:
        total = len(round_awards(locked, locked.ceremony_round).lines)
        moves = {Step.NEXT: 1, Step.BACK: -1, Step.FULL: total + 1}
        if step not in moves:
            raise CeremonyRefused(_("Unknown change."))
        target = moves[step] if step == Step.FULL else locked.ceremony_step + moves[step]
        locked.ceremony_step = max(0, min(target, total + 1))
    locked.save(update_fields=["ceremony_round", "ceremony_step"])
    record(locked, actor, AuditEntry.Kind.CEREMONY, reason=f"{step} → {locked.ceremony_step}")
    event.ceremony_round_id, event.ceremony_step = locked.ceremony_round_id, locked.ceremony_step
    return locked.ceremony_step
