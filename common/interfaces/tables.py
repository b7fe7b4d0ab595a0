"""What every ranking table shares (django-tables2): numbers shown half-up at a precision,
right-aligned, sorted by their value with a blank below every score; the page number read
safely from the query."""

import re
from decimal import Decimal

import django_tables2 as tables

from common.interfaces.params import number_param
from common.scoring import shown


def fixed(value: Decimal | None, places: int) -> str:
    return "—" if value is None else shown(value, places)


def page_number(request, limit: int = 10**6) -> int:
    """``?page=`` as a page number; anything else (``abc``, ``-1``, huge) is page 1."""
    return number_param(request.GET.get("page"), default=1, limit=limit) or 1


def sort_key(name: str) -> str:
    return f"{name}_sort"


class NumberColumn(tables.Column):
    """Right-aligned numbers, formatted when the record is built (a per-cell ``render``
    costs django-tables2 a signature inspection per cell); sorted by their value."""

    def __init__(self, name, *, css_class="num", **kwargs):
        attrs = {"td": {"class": css_class}, "th": {"class": "num"}}
        super().__init__(accessor=name, order_by=(sort_key(name),), attrs=attrs, **kwargs)


def with_number(record: dict, name: str, value: Decimal | None, places: int) -> None:
    """The number as shown, and as sorted: a blank sorts below every score."""
    record[name] = fixed(value, places)
    record[sort_key(name)] = Decimal(-1) if value is None else value


SORT = re.compile(r"-?[a-z0-9_]{1,30}")


def configured(request, table: tables.Table, per_page: int) -> tables.Table:
    """Sort and paginate ``table`` by the request's ``sort`` and ``page`` alone, read safely:
    an unknown sort key or an odd page number shows the first page in the table's order."""
    names = {c.name for c in table.columns if c.orderable}
    sort = request.GET.get("sort", "")
    if SORT.fullmatch(sort) and sort.lstrip("-") in names:
        table.order_by = sort
    pages = max(1, -(-len(table.rows) // per_page))
    page = min(page_number(request), pages)
    table.paginate(page=page, per_page=per_page)
    return table
