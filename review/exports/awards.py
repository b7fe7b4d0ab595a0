"""The 获奖名单 sheet: every round's awards, tier by tier then the 单项奖, as frozen when the
results were published (or as the ranking stands, marked provisional)."""

from django.utils.translation import gettext as _

from review.queries.awards import RoundAwards

AWARDS = "获奖名单"


def awards_sheet(wb, ctx, standings: list[RoundAwards]) -> None:
    if not standings:
        return
    header = [
        _("Round"), _("Award"), _("Rank"), _("Contestant"), _("Unit"), _("Score"), _("Votes"),
        _("Status"),
    ]  # fmt: skip
    rows = []
    for awards in standings:
        status = _("frozen at publication") if awards.frozen else _("provisional")
        if not awards.complete:
            status = _("provisional: a tie is undecided")
        for line in awards.lines:
            sub = line.appearance
            rows.append(
                [
                    awards.round.name,
                    line.name,
                    line.rank,
                    sub.contestant.name,
                    sub.contestant.unit.name,
                    line.score,
                    line.votes,
                    status,
                ]
            )
    sheet = ctx.sheet(wb, AWARDS, header, rows)
    for values in rows:
        sheet.append(values)
