"""A roster as read from its workbook, before it is applied: what the reader
(``review.imports.roster``) hands to the writer (``review.domain.roster``)."""

from dataclasses import dataclass, field

from common.domain.problems import Invalid, Problem

UNITS = "单位"
CRITERIA = "评分标准"
CONTESTANTS = "述职人"
JUDGES = "评委"


class RosterInvalid(Invalid):
    """The roster was refused as a whole; nothing was written."""


@dataclass
class Row:
    sheet: str
    number: int  # the row number in the sheet
    values: dict


@dataclass
class Roster:
    units: list[str] = field(default_factory=list)
    criteria: list[Row] = field(default_factory=list)
    contestants: list[Row] = field(default_factory=list)
    judges: list[Row] = field(default_factory=list)


__all__ = [
    "CONTESTANTS",
    "CRITERIA",
    "JUDGES",
    "UNITS",
    "Problem",
    "Roster",
    "RosterInvalid",
    "Row",
]
