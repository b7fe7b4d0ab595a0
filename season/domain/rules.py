"""An indicator's rule from its stored parameters (``Indicator.params``: decimals as strings),
as ``common.scoring.indicators`` computes it; parameters that cannot work are refused naming
the indicator and the parameter."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from common.domain.problems import Invalid, Problem
from common.scoring import indicators

#: the pure core's messages, so that makemessages finds them (``message()`` translates)
MESSAGES = (
    gettext_noop("the target equals the floor"),
    gettext_noop("the floor is above the target (higher is better)"),
    gettext_noop("the floor is below the target (lower is better)"),
    gettext_noop("negative points"),
    gettext_noop("no band"),
    gettext_noop("its lower edge is not below its upper edge"),
    gettext_noop("overlaps another band"),
    gettext_noop("the step must be above 0"),
    gettext_noop("the cap is below the base"),
    gettext_noop("a count is a whole number, 0 or more"),
    gettext_noop("no points for the 1st rank"),
    gettext_noop("points by rank need a table"),
    gettext_noop("the lowest allowed is above the highest"),
    gettext_noop("outside %(low)s–%(high)s"),
    gettext_noop("a rank is a whole number, 1 or more"),
)


def message(problem: indicators.Problem) -> str:
    """The core's problem in the reader's language."""
    text = _(problem.template)
    return text % problem.params if problem.params else text


def _decimal(params: dict, name: str, default: str | None = None) -> Decimal:
    raw = params.get(name, default)
    try:
        return Decimal(str(raw))
    except (InvalidOperation, ValueError, TypeError):
        raise KeyError(name) from None


def _optional(params: dict, name: str) -> Decimal | None:
    return None if params.get(name) in (None, "") else _decimal(params, name)


def build(kind: str, params: dict) -> indicators.Rule:
    """The pure rule; ``KeyError(name)`` when a parameter is missing or not a number."""
    if kind == "linear":
        return indicators.Linear(
            _decimal(params, "floor"), _decimal(params, "target"), _decimal(params, "points"),
            higher=bool(params.get("higher", True)),
        )  # fmt: skip
    if kind == "bands":
        return indicators.Bands(tuple(
            indicators.Band(_optional(b, "lower"), _optional(b, "upper"), _decimal(b, "points"))
            for b in params.get("bands", ())
        ))  # fmt: skip
    if kind == "count":
        cap = params.get("cap")
        return indicators.Count(
            int(_decimal(params, "base")), _decimal(params, "step", "1"),
            _decimal(params, "points"), None if cap in (None, "") else int(Decimal(str(cap))),
            int(params.get("sign", 1)),
        )  # fmt: skip
    if kind == "rank":
        table = tuple(Decimal(str(p)) for p in params.get("table", ()))
        return indicators.RankPoints(table, _decimal(params, "rest", "0"),
                                     bool(params.get("higher", True)))  # fmt: skip
    if kind == "manual":
        return indicators.Manual(_decimal(params, "low"), _decimal(params, "high"))
    if kind == "event":
        try:
            mode = indicators.EventMode(params.get("mode", "score"))
        except ValueError:
            raise KeyError("mode") from None
        table = None
        if mode is indicators.EventMode.RANK:
            table = indicators.RankPoints(tuple(Decimal(str(p)) for p in params.get("table", ())),
                                          _decimal(params, "rest", "0"))  # fmt: skip
        return indicators.EventResult(mode, _decimal(params, "factor", "1"), table)
    raise KeyError("rule")


def checked_rule(name: str, kind: str, params: dict) -> indicators.Rule:
    """The rule of indicator ``name``, or ``Invalid`` saying which parameter cannot work."""
    try:
        rule = build(kind, params)
        rule.check()
    except KeyError as missing:
        why = _("missing or not a number")
        raise Invalid([Problem(name, None, str(missing.args[0]), why)]) from None
    except indicators.Problem as problem:
        raise Invalid([Problem(name, None, problem.field, message(problem))]) from None
    return rule
