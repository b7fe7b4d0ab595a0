"""Reading pages back the way a person reads them: the cells of a table."""

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
