"""Setting a season's scorecard on the site: the dimensions' and indicators' weights and each
rule's parameters, all checked before anything is saved (a floor above its target, overlapping
bands: refused naming the indicator and the parameter). Published periods keep the scorecard
frozen when they were published."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from common.domain.problems import Invalid, Problem
from season.domain.audit import record
from season.domain.rules import checked_rule
from season.models import Dimension, Indicator, Season, SeasonEntry

#: Each rule's parameters as the page edits them: (name, kind) — ``number``, ``whole``
#: (a whole number or blank), ``flag``, ``list`` (numbers separated by commas), ``bands``
#: (one band a line: lower, upper, points; blank edges are open).
PARAMETERS = {
    "linear": (("floor", "number"), ("target", "number"), ("points", "number"),
               ("higher", "flag")),
    "bands": (("bands", "bands"),),
    "count": (("base", "whole"), ("step", "number"), ("points", "number"), ("cap", "whole")),
    "rank": (("table", "list"), ("rest", "number"), ("higher", "flag")),
    "manual": (("low", "number"), ("high", "number")),
    "event": (("event", "whole"), ("mode", "mode"), ("factor", "number"), ("table", "list"),
              ("rest", "number")),
}  # fmt: skip


def _number(text: str) -> str:
    value = Decimal(text)
    if not value.is_finite() or abs(value) >= 10**8 or value.as_tuple().exponent < -4:
        raise InvalidOperation
    return f"{value.normalize():f}"


def params_from_form(kind: str, typed: dict[str, str], before: dict) -> dict:
    """What the page typed as the rule's stored parameters; ``ValueError(name)`` names a
    parameter that is not what it must be. Parameters the page does not edit are kept."""
    params = dict(before)
    for name, form in PARAMETERS.get(kind, ()):
        text = str(typed.get(name, "")).strip()
        try:
            if form == "flag":
                params[name] = text in ("1", "on", "true")
            elif form == "whole":
                params[name] = None if not text else int(_number(text))
            elif form == "list":
                params[name] = [_number(t.strip()) for t in text.replace("，", ",").split(",")
                                if t.strip()]  # fmt: skip
            elif form == "mode":
                if text not in ("score", "rank"):
                    raise ValueError(name)
                params[name] = text
            elif form == "bands":
                params[name] = [_band(line) for line in text.splitlines() if line.strip()]
            else:
                params[name] = _number(text)
        except (InvalidOperation, ValueError, IndexError):
            raise ValueError(name) from None
    return params


def _band(line: str) -> dict:
    lower, upper, points = (p.strip() for p in line.replace("，", ",").split(","))
    return {"lower": _number(lower) if lower else None,
            "upper": _number(upper) if upper else None, "points": _number(points)}  # fmt: skip


def bands_text(params: dict) -> str:
    return "\n".join(
        f"{b.get('lower') or ''}, {b.get('upper') or ''}, {b.get('points')}"
        for b in params.get("bands", ())
    )


def _weight(text: str) -> Decimal:
    value = Decimal(str(text).strip())
    if not value.is_finite() or value < 0 or value >= 1000 or value.as_tuple().exponent < -3:
        raise InvalidOperation
    return value


def _board(season: Season, board: dict, problems: list, sheet: str) -> None:
    """红黑榜: the top and bottom N (whole numbers), or the thresholds (blank: by N)."""
    label = _("red and black board")
    for field, name in (("board_top", "top"), ("board_bottom", "bottom")):
        text = str(board.get(name, "")).strip()
        if not text.isdigit() or int(text) > 1000:
            problems.append(Problem(sheet, None, f"{label} · {name}",
                                    _("a whole number from 0 to 1000")))  # fmt: skip
        else:
            setattr(season, field, int(text))
    for field, name in (("red_at", "red_at"), ("black_at", "black_at")):
        text = str(board.get(name, "")).strip()
        try:
            setattr(season, field, None if not text else _weight_like(text))
        except (InvalidOperation, ValueError):
            problems.append(Problem(sheet, None, f"{label} · {name}",
                                    _("a score, or blank to go by the number")))  # fmt: skip


def _weight_like(text: str) -> Decimal:
    value = Decimal(text)
    if not value.is_finite() or abs(value) >= 10**5 or value.as_tuple().exponent < -3:
        raise InvalidOperation
    return value


@transaction.atomic
def set_scorecard(season: Season, dimensions: dict, indicators: dict, actor,
                  board: dict | None = None) -> None:  # fmt: skip
    """``dimensions``: ``{dimension id: weight text}``; ``indicators``: ``{indicator id:
    (weight text, {parameter: text})}``; ``board``: the 红黑榜's ``top``, ``bottom``, ``red_at``,
    ``black_at`` as typed. All checked first; ``Invalid`` lists every problem."""
    season = Season.objects.select_for_update().get(pk=season.pk)
    problems: list[Problem] = []
    dims = {d.pk: d for d in Dimension.objects.filter(season=season)}
    inds = {i.pk: i for i in Indicator.objects.filter(season=season)}
    sheet = _("scorecard")
    for pk, text in dimensions.items():
        if pk not in dims:
            continue
        try:
            dims[pk].weight = _weight(text)
        except (InvalidOperation, ValueError):
            problems.append(Problem(sheet, None, dims[pk].name,
                                    _("a weight is a number from 0 to 999.999")))  # fmt: skip
    for pk, (weight, typed) in indicators.items():
        indicator = inds.get(pk)
        if indicator is None:
            continue
        try:
            indicator.weight = _weight(weight)
        except (InvalidOperation, ValueError):
            problems.append(Problem(sheet, None, indicator.name,
                                    _("a weight is a number from 0 to 999.999")))  # fmt: skip
        try:
            params = params_from_form(indicator.rule, typed, indicator.params)
        except ValueError as wrong:
            problems.append(Problem(sheet, None, f"{indicator.name} · {wrong.args[0]}",
                                    _("missing or not a number")))  # fmt: skip
            continue
        try:
            checked_rule(indicator.name, indicator.rule, params)
        except Invalid as invalid:
            problems += [Problem(sheet, None, f"{p.sheet} · {p.column}", p.message)
                         for p in invalid.problems]  # fmt: skip
            continue
        indicator.params = params
    if board is not None:
        _board(season, board, problems, sheet)
    if problems:
        raise Invalid(problems)
    if board is not None:
        season.save(update_fields=["board_top", "board_bottom", "red_at", "black_at"])
    Dimension.objects.bulk_update(list(dims.values()), ["weight"])
    Indicator.objects.bulk_update(list(inds.values()), ["weight", "params"])
    record(season, actor, SeasonEntry.Kind.SCORECARD,
           dimensions={d.name: str(d.weight) for d in dims.values()},
           indicators={i.name: [str(i.weight), i.params] for i in inds.values()},
           board=[season.board_top, season.board_bottom, str(season.red_at or ""),
                  str(season.black_at or "")])  # fmt: skip
