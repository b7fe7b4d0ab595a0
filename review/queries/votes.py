"""Audience vote counts, read straight from the votes (never through the scoring caches)."""

from collections import defaultdict

from django.db.models import Count

from review.models import AudienceVote


def tallies(award_ids) -> dict[int, dict[int, int]]:
    """``{award id: {appearance id: votes}}`` of the audience polls behind these awards."""
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    if not award_ids:
        return {}
    rows = (
        AudienceVote.objects.filter(poll__award_id__in=award_ids)
        .order_by()
        .values_list("poll__award_id", "appearance_id")
        .annotate(n=Count("pk"))
    )
    for award_id, sub_id, n in rows:
        counts[award_id][sub_id] = n
    return dict(counts)


def has_voted(poll_id: int, voter: str | None) -> bool:
    """Whether the phone with this cookie has a vote in the poll (open mode)."""
    return bool(voter) and AudienceVote.objects.filter(poll_id=poll_id, voter=voter).exists()
