"""What the audience vote looks like: the bars (votes per contestant), the poll the big screen
shows, and the timeline the organiser reads for bursts. Read straight from the votes table."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count

from review.models import Appearance, AudiencePoll, AudienceVote, Event

#: Width of one bar of the timeline.
BUCKET_SECONDS = 10
#: Addresses listed as the busiest.
TOP_ADDRESSES = 10


@dataclass(frozen=True)
class Bar:
    appearance: Appearance
    votes: int
    percent: int  # of the leader's votes, for the bar's length


@dataclass(frozen=True)
class Board:
    bars: list[Bar]  # most votes first, then running order
    total: int
    generated: bool = False  # some votes were made up by the demo generator


def poll_board(poll: AudiencePoll) -> Board:
    counts = dict(
        AudienceVote.objects.filter(poll=poll)
        .order_by()
        .values_list("appearance_id")
        .annotate(n=Count("pk"))
    )
    appearances = Appearance.objects.filter(round=poll.award.round_id).select_related("contestant")
    top = max(counts.values(), default=0)
    bars = [
        Bar(sub, counts.get(sub.pk, 0), round(100 * counts.get(sub.pk, 0) / top) if top else 0)
        for sub in appearances
    ]
    bars.sort(key=lambda b: (-b.votes, b.appearance.order))
    generated = AudienceVote.objects.filter(poll=poll, is_generated=True).exists()
    return Board(bars, sum(counts.values()), generated)


def screen_poll(event: Event) -> AudiencePoll | None:
    """The vote the big screen shows: the last one opened in the event."""
    return (
        AudiencePoll.objects.filter(award__round__event=event, opened_at__isnull=False)
        .select_related("award")
        .order_by("-opened_at")
        .first()
    )


@dataclass(frozen=True)
class Timeline:
    buckets: list[tuple[datetime, int]]  # start of each 10 s and the votes in it
    busiest: list[tuple[str, int]]  # addresses with the most votes
    peak: int


def timeline(poll: AudiencePoll) -> Timeline:
    rows = list(AudienceVote.objects.filter(poll=poll).order_by("at").values_list("at", "address"))
    if not rows:
        return Timeline([], [], 0)
    start = poll.opened_at or rows[0][0]
    per_bucket = Counter(int((at - start).total_seconds() // BUCKET_SECONDS) for at, _a in rows)
    first, last = min(per_bucket), max(per_bucket)
    buckets = [
        (start + timedelta(seconds=i * BUCKET_SECONDS), per_bucket[i])
        for i in range(first, last + 1)
    ]
    busiest = Counter(address or "?" for _at, address in rows).most_common(TOP_ADDRESSES)
    return Timeline(buckets, busiest, max(per_bucket.values()))
