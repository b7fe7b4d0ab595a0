"""What the season's pages and workbooks read: a period's standing and the cumulative one
(``season.domain.standing``, which publishing freezes)."""

from season.domain.standing import (  # noqa: F401 — the season's public reads
    CumulativeLine,
    Line,
    cumulative_standing,
    period_standing,
)
