"""The audience vote (人气奖): the organiser opens and closes it, chooses strict mode with printed
ticket codes, and every audience phone casts at most one vote.

One vote per phone: the vote page gives each phone a signed cookie and keeps a device id in
the phone's storage; the database refuses a second vote with either (unique constraints, so
two taps racing each other still count once). In strict mode each printed code votes once.
Each address may cast ``per_address_per_minute`` accepted votes a minute (a hall router puts
many phones behind one address, so the organiser sets it); the count and the vote are one
transaction serialised per address, so the limit is exact under any concurrency. Without an
address (headers that give none) a vote is refused, never let through unlimited. Wrong ticket
codes are throttled per address. Votes write only their own table: they never touch the
scoring caches."""

import secrets
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from review.domain.audit import record
from review.models import (
    Appearance,
    AudiencePoll,
    AudienceVote,
    AuditEntry,
    Event,
    TicketMiss,
    VoteTicket,
)

#: Ticket code letters: no 0/O, 1/I/L, so a code read aloud or typed is unambiguous.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
MAX_TICKETS = 5000
#: A voter or device id longer than this is not one of ours.
ID_LENGTH = 64
#: Wrong ticket codes one address may try a minute (a code has 39 bits: guessing is hopeless).
MISSES_PER_MINUTE = 10

STEPS = {
    AudiencePoll.State.READY: {AudiencePoll.State.OPEN},
    AudiencePoll.State.OPEN: {AudiencePoll.State.CLOSED},
    AudiencePoll.State.CLOSED: {AudiencePoll.State.OPEN},
}


class VoteRefused(Refused):
    """``status`` is the HTTP status the vote page answers with."""

    def __init__(self, message, status: int = 400):
        super().__init__(message)
        self.status = status


class AlreadyVoted(VoteRefused):
    """This phone's vote is in: its page offers no list any more."""


def _event_of(poll: AudiencePoll) -> Event:
    return Event.objects.select_for_update().get(rounds__special_awards__poll=poll)


@transaction.atomic
def set_poll_state(poll: AudiencePoll, state: str, actor) -> bool:
    """Open, close or reopen the vote (the one path, page or command)."""
    event = _event_of(poll)
    poll = AudiencePoll.objects.select_for_update().get(pk=poll.pk)
    if poll.state == state:
        return False
    if event.status == Event.Status.PUBLISHED:
        raise VoteRefused(_("The results are published; unpublish them first."))
    if state not in STEPS[poll.state]:
        raise VoteRefused(
            _("The vote cannot go from “%(old)s” to “%(new)s”.")
            % {"old": poll.get_state_display(), "new": AudiencePoll.State(state).label}
        )
    now = timezone.now()
    if state == AudiencePoll.State.OPEN and poll.opened_at is None:
        poll.opened_at = now
    if state == AudiencePoll.State.CLOSED:
        poll.closed_at = now
    old = poll.get_state_display()
    poll.state = state
    poll.save(update_fields=["state", "opened_at", "closed_at"])
    record(
        event,
        actor,
        AuditEntry.Kind.AWARDS,
        reason=f"{poll}: {old} → {AudiencePoll.State(state).label}",
    )
    return True


@transaction.atomic
def set_poll_options(poll: AudiencePoll, strict: bool, per_minute: int, actor) -> None:
    event = _event_of(poll)
    poll = AudiencePoll.objects.select_for_update().get(pk=poll.pk)
    if poll.state == AudiencePoll.State.OPEN and strict != poll.strict:
        raise VoteRefused(_("Close the vote before changing how people vote."))
    if not 1 <= per_minute <= 100_000:
        raise VoteRefused(_("Votes per address per minute: a number from 1 to 100000."))
    poll.strict, poll.per_address_per_minute = strict, per_minute
    poll.save(update_fields=["strict", "per_address_per_minute"])
    mode = _("printed ticket codes only") if strict else _("one vote per phone")
    record(event, actor, AuditEntry.Kind.AWARDS, reason=f"{poll}: {mode}, {per_minute}/min")


@transaction.atomic
def make_tickets(poll: AudiencePoll, count: int, actor) -> list[VoteTicket]:
    """``count`` new printable codes, each good for one vote."""
    event = _event_of(poll)
    if not 1 <= count <= MAX_TICKETS - poll.tickets.count():
        raise VoteRefused(
            _("Make between 1 and %(n)s codes (at most %(max)s in all).")
            % {"n": max(MAX_TICKETS - poll.tickets.count(), 0), "max": MAX_TICKETS}
        )
    made = set()
    while len(made) < count:
        made.add("".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH)))
    taken = set(VoteTicket.objects.filter(code__in=made).values_list("code", flat=True))
    tickets = VoteTicket.objects.bulk_create(
        VoteTicket(poll=poll, code=code) for code in sorted(made - taken)
    )
    record(event, actor, AuditEntry.Kind.AWARDS, reason=f"{poll}: {len(tickets)} ticket codes")
    return tickets


def normal_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:16]


def cast_vote(
    poll: AudiencePoll,
    appearance_id: int,
    voter: str,
    device: str = "",
    address: str | None = None,
    code: str = "",
) -> AudienceVote:
    """One audience vote; refused with a reason (and the page's HTTP status) otherwise."""
    if poll.state != AudiencePoll.State.OPEN:
        raise VoteRefused(_("The vote is not open."), 409)
    if not voter or len(voter) > ID_LENGTH or len(device) > ID_LENGTH:
        raise VoteRefused(_("This phone could not be recognised: reload the page."))
    if not Appearance.objects.filter(pk=appearance_id, round_id=poll.award.round_id).exists():
        raise VoteRefused(_("Choose one of the contestants on the list."))
    if not address:
        raise VoteRefused(_("This network's address cannot be told: votes cannot be counted."))
    try:
        with transaction.atomic():
            _one_at_a_time(poll, address)
            if _recent_from(poll, address) >= poll.per_address_per_minute:
                raise VoteRefused(
                    _("Too many votes from this network just now: try again in a minute."), 429
                )
            if poll.strict:  # the ticket is the voter; one phone may carry several tickets
                voter, device = "ticket:" + _use_ticket(poll, normal_code(code), address), ""
            return AudienceVote.objects.create(
                poll=poll, appearance_id=appearance_id, voter=voter, device=device, address=address
            )
    except IntegrityError as duplicate:
        raise AlreadyVoted(_("This phone has already voted."), 409) from duplicate
    except WrongTicket as wrong:
        TicketMiss.objects.create(poll=poll, address=address)  # outside the rolled-back vote
        raise wrong.refusal from None


class WrongTicket(Exception):
    def __init__(self, refusal: VoteRefused):
        self.refusal = refusal


def _one_at_a_time(poll: AudiencePoll, address: str) -> None:
    """Votes from one address wait for each other. SQLite: every transaction takes the write
    lock when it starts (``IMMEDIATE``), so they already do; PostgreSQL: a lock on the address."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"{poll.pk}:{address}"]
            )


def _recent_from(poll: AudiencePoll, address: str) -> int:
    since = timezone.now() - timedelta(minutes=1)
    return AudienceVote.objects.filter(poll=poll, address=address, at__gte=since).count()


def _use_ticket(poll: AudiencePoll, code: str, address: str) -> str:
    since = timezone.now() - timedelta(minutes=1)
    misses = TicketMiss.objects.filter(poll=poll, address=address, at__gte=since).count()
    if misses >= MISSES_PER_MINUTE:
        raise VoteRefused(_("Too many wrong ticket codes just now: try again in a minute."), 429)
    used = VoteTicket.objects.filter(poll=poll, code=code, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if used != 1:
        if VoteTicket.objects.filter(poll=poll, code=code).exists():
            raise WrongTicket(VoteRefused(_("This ticket code has already been used."), 409))
        raise WrongTicket(VoteRefused(_("This ticket code is not valid for this vote.")))
    return code
