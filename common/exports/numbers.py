"""Numbers in the workbooks we write: as their shortest exact decimal text, and compared the way
a person compares them.

openpyxl writes every number with ``"%.16g"``, so ``Decimal("8.21")`` (and the float 8.21)
become ``8.210000000000001`` in the file — a value no person entered and the tool never had.
Here a ``Decimal`` is written as its own digits and a float as its shortest round-trip text
(``repr``): the cell holds exactly the decimal the tool computed, as Excel, LibreOffice and
Gnumeric each read it. openpyxl has no hook for this, so its cell writer's formatter is
replaced once, on import of the exports package."""

from decimal import Decimal
from math import isfinite

from openpyxl.cell import _writer

_openpyxl_safe_string = _writer.safe_string


def exact_text(value):
    if isinstance(value, bool):
        return _openpyxl_safe_string(value)
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else ""
    if isinstance(value, float):
        return repr(value) if isfinite(value) else ""
    return _openpyxl_safe_string(value)


def install() -> None:
    _writer.safe_string = exact_text


def shown_alike(left: str, right: str, places: int) -> str:
    """A condition: two cells show the same value at ``places`` (or are both empty), compared
    as whole numbers of ``10^-places``, never as binary doubles with ``=`` (Gnumeric's ``=``
    is exact, and says two equal-looking numbers differ)."""
    units = 10**places
    numbers = f"AND(ISNUMBER({left}),ISNUMBER({right}))"
    shown_equal = f"ROUND({left}*{units},0)=ROUND({right}*{units},0)"
    return f'IF({numbers},{shown_equal},{left}&""={right}&"")'


def same_formula(left: str, right: str, places: int, same: str, different: str) -> str:
    """``same`` when two cells show the same value at ``places`` (``shown_alike``)."""
    return f'=IF({shown_alike(left, right, places)},"{same}","{different}")'
