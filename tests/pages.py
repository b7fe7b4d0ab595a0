"""Reading pages back the way a person reads them: the cells of a table, the visible text and
the numbers in it."""

import re
from html.parser import HTMLParser


class _TableReader(HTMLParser):
    def __init__(self, table_class):
        super().__init__()
        self.table_class = table_class
        self.depth = 0
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table" and (self.depth or self.table_class in classes):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_rows(html: str, table_class: str) -> list[dict[str, str]]:
    """The rows of the table with ``table_class`` as ``{header: cell}`` dicts."""
    reader = _TableReader(table_class)
    reader.feed(html)
    header, *body = reader.rows
    return [dict(zip(header, row, strict=True)) for row in body]


class _TextReader(HTMLParser):
    """The text a person sees: no markup, attributes, head, scripts or styles."""

    HIDDEN = {"head", "script", "style", "template", "title"}

    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's visible text, white space folded: never a timestamp in a meta tag or an id
    in an attribute, which a substring check could otherwise match by accident."""
    reader = _TextReader()
    reader.feed(html)
    return " ".join(" ".join(reader.parts).split())


_NUMBER = re.compile(r"(?<![\d.])[-−+]?\d+(?:\.\d+)?(?![\d.]*\d)")


def numbers_shown(html: str) -> list[str]:
    """Every whole number a person reads on the page (``75``, ``74.80``, ``-1.5``)."""
    return _NUMBER.findall(visible_text(html))


def shows_number(html: str, number: str) -> bool:
    """Whether the page shows ``number`` as a number of its own: ``75`` is shown by ``75``, not
    by ``175``, ``75.00`` or a timestamp outside the visible text."""
    return number in [n.lstrip("+") for n in numbers_shown(html)]
