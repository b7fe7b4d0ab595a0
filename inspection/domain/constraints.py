"""The constraints an organiser types for a draw, one a line, read into ``common.draw.Request``
terms: declared pairs that never meet (``单位甲 / 单位乙``) and districts (``单位：区域``)."""

import re

from django.utils.translation import gettext as _

from common.domain.refusals import Refused

MAX_LINES = 2000
_PAIR = re.compile(r"\s*[/／、,，]\s*")
_DISTRICT = re.compile(r"\s*[:：=]\s*")


class ConstraintsRefused(Refused):
    pass


def _subject(by_name: dict, name: str, where: str):
    subject = by_name.get(name.strip())
    if subject is None:
        raise ConstraintsRefused(
            _("%(where)s: “%(name)s” is not a unit of this season.")
            % {"where": where, "name": name.strip()[:60]}
        )
    return subject


def _lines(text: str, field: str):
    lines = [(n, line.strip()) for n, line in enumerate(str(text).splitlines(), start=1)]
    if len(lines) > MAX_LINES:
        message = _("%(field)s: more than %(n)s lines.")
        raise ConstraintsRefused(message % {"field": field, "n": MAX_LINES})
    return [(n, line) for n, line in lines if line]


def conflicts(text: str, by_name: dict) -> list[tuple]:
    """``[(subject, subject)]`` of lines ``甲 / 乙``; ``by_name``: the season's subjects."""
    field = _("Declared conflicts")
    pairs = []
    for n, line in _lines(text, field):
        parts = _PAIR.split(line)
        where = _("%(field)s, line %(n)s") % {"field": field, "n": n}
        if len(parts) != 2:
            raise ConstraintsRefused(_("%(where)s: write two units separated by “/”.")
                                     % {"where": where})  # fmt: skip
        a, b = (_subject(by_name, part, where) for part in parts)
        if a == b:
            raise ConstraintsRefused(_("%(where)s: a unit cannot conflict with itself.")
                                     % {"where": where})  # fmt: skip
        pairs.append((a, b))
    return pairs


def districts(text: str, by_name: dict) -> dict:
    """``{subject: district}`` of lines ``单位：区域``."""
    field = _("Districts")
    found = {}
    for n, line in _lines(text, field):
        parts = _DISTRICT.split(line, maxsplit=1)
        where = _("%(field)s, line %(n)s") % {"field": field, "n": n}
        if len(parts) != 2 or not parts[1]:
            raise ConstraintsRefused(_("%(where)s: write the unit, “:”, then its district.")
                                     % {"where": where})  # fmt: skip
        subject = _subject(by_name, parts[0], where)
        if subject in found:
            raise ConstraintsRefused(_("%(where)s: %(unit)s has a district already.")
                                     % {"where": where, "unit": parts[0]})  # fmt: skip
        found[subject] = parts[1][:60]
    return found


def as_text(request: dict, names: dict) -> tuple[str, str]:
    """A committed request's conflicts and districts as the lines typed (``names``: key →
    name), to offer again for the next draw or a re-draw."""
    pairs = "\n".join(f"{names.get(a, a)} / {names.get(b, b)}" for a, b in request["conflicts"])
    places = "\n".join(f"{names.get(k, k)}：{d}" for k, d in request["districts"].items())
    return pairs, places
