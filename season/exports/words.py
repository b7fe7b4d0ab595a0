"""A season's rules in words, for 说明 and the pages: each indicator's rule with its
parameters, the weights, how the cumulative standing is made."""

from decimal import Decimal

from django.utils.translation import gettext as _

from common.domain import event_results
from common.scoring import indicators
from season.domain.rules import build


def number(value: Decimal | None) -> str:
    return "" if value is None else f"{Decimal(value).normalize():f}"


def rule_in_words(kind: str, params: dict) -> str:
    rule = build(kind, params)
    if isinstance(rule, indicators.Linear):
        way = _("higher is better") if rule.higher else _("lower is better")
        return _("linear: %(floor)s earns 0, %(target)s earns %(points)s, in proportion between, "
                 "capped at both ends (%(way)s)") % {
            "floor": number(rule.floor), "target": number(rule.target),
            "points": number(rule.points), "way": way}  # fmt: skip
    if isinstance(rule, indicators.Bands):
        bands = "；".join(
            f"[{number(b.lower) or '−∞'}, {number(b.upper) or '+∞'}) → {number(b.points)}"
            for b in rule.bands
        )
        return _("bands (lower edge inclusive, upper exclusive; outside every band 0): "
                 "%(bands)s") % {"bands": bands}  # fmt: skip
    if isinstance(rule, indicators.Count):
        cap = _(", counted up to %(cap)s") % {"cap": rule.cap} if rule.cap is not None else ""
        return _("count: %(points)s per %(step)s above %(base)s%(cap)s") % {
            "points": number(rule.sign * rule.points), "step": number(rule.step),
            "base": rule.base, "cap": cap}  # fmt: skip
    if isinstance(rule, indicators.RankPoints):
        table = "、".join(number(t) for t in rule.table)
        return _("points by rank (1, 2, 2, 4; %(way)s): %(table)s, after that %(rest)s") % {
            "way": _("highest first") if rule.higher else _("lowest first"),
            "table": table, "rest": number(rule.rest)}  # fmt: skip
    if isinstance(rule, indicators.EventResult):
        event = dict(event_results.events()).get(params.get("event"), "?")
        if rule.mode is indicators.EventMode.SCORE:
            return _("the result of %(event)s: its final score × %(factor)s") % {
                "event": event, "factor": number(rule.factor)}  # fmt: skip
        table = "、".join(number(t) for t in rule.table.table)
        return _("points by the rank in %(event)s: %(table)s, after that %(rest)s") % {
            "event": event, "table": table, "rest": number(rule.table.rest)}  # fmt: skip
    if isinstance(rule, indicators.Manual):
        return _("manual score from %(low)s to %(high)s") % {
            "low": number(rule.low), "high": number(rule.high)}  # fmt: skip
    return kind


def cumulation_in_words(cumulation: str) -> str:
    return {
        "sum": _("Cumulative = the sum of the periods' totals; a period without a total leaves "
                 "no sum."),
        "weighted": _("Cumulative = Σ period weight × the period's total; a period without a "
                      "total leaves no value."),
        "mean": _("Cumulative = the mean of the periods' totals (periods without a total are "
                  "not counted)."),
    }[cumulation]  # fmt: skip


def grade_in_words(grade) -> str:
    if grade.quota == "percent":
        how = (
            _("at most %(p)s %% of the ranked field, rounded down")
            if grade.rounding == "down"
            else _("%(p)s %% of the ranked field, rounded half up")
        )
        text = how % {"p": number(grade.percent)}
    elif grade.quota == "count":
        text = _("%(n)s places") % {"n": grade.count}
    elif grade.quota == "threshold":
        text = _("everyone left at %(t)s or more") % {"t": number(grade.threshold)}
    else:
        text = _("everyone left")
    tie = (
        _("a tie at the boundary: everyone tied gets it")
        if grade.policy == "all_higher"
        else _("a tie at the boundary: the organiser picks, with a reason")
    )
    coefficient = (_("; performance coefficient %(c)s") % {"c": number(grade.coefficient)}
                   if grade.coefficient is not None else "")  # fmt: skip
    return f"{text}；{tie}{coefficient}"
