"""Opening an uploaded .xlsx without trusting it: sizes and counts are checked while the parts
are streamed, before openpyxl builds anything, so a small file that unpacks to millions of
cells is refused in a fraction of a second and a few MB of memory.

Checks, in order: a zip at all; the unpacked size of every part and of all together; then each
worksheet's XML is read as a stream (lxml ``iterparse``, no entities, no network) counting
rows and cells and stopping at the first one over the limit; merged header cells are noted on
the way. Only then is the workbook opened, read-only (streaming too).
"""

import io
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass(frozen=True)
class Limits:
    max_unpacked: int = 40 * 1024 * 1024  # all parts together
    max_rows: int = 5001  # per sheet, header included
    max_cells: int = 5001 * 12  # per sheet
    max_columns: int = 52  # AZ: openpyxl pads every row out to the farthest cell's column


class Unreadable(Exception):
    """The file cannot be read as a workbook within the limits; ``code`` says why."""

    def __init__(self, code: str, sheet: str = "", **params):
        super().__init__(code)
        self.code = code
        self.sheet = sheet
        self.params = params


@dataclass
class SheetScan:
    rows: int = 0
    cells: int = 0
    merged_in_header: list[str] = field(default_factory=list)


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Unreadable("not_xlsx") from None
    unpacked = 0
    for info in archive.infolist():
        unpacked += info.file_size
        if unpacked > Limits.max_unpacked:
            raise Unreadable("too_big_unpacked", mb=Limits.max_unpacked >> 20)
    return archive


def _scan_sheet(source, limits: Limits, sheet: str) -> SheetScan:
    scan = SheetScan()
    row_tag, cell_tag, merge_tag = f"{MAIN_NS}row", f"{MAIN_NS}c", f"{MAIN_NS}mergeCell"
    parser = etree.iterparse(
        source,
        events=("end",),  # an element is complete (and safe to clear) only at its end
        tag=(row_tag, cell_tag, merge_tag),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
    )
    try:
        for _event, element in parser:
            if element.tag == cell_tag:
                scan.cells += 1
                if scan.cells > limits.max_cells:
                    raise Unreadable("too_many_cells", sheet, max=limits.max_cells)
                _check_reach(element.get("r", ""), limits, sheet)
            elif element.tag == row_tag:
                scan.rows += 1
                if scan.rows > limits.max_rows:
                    raise Unreadable("too_many_rows", sheet, max=limits.max_rows - 1)
            else:
                ref = element.get("ref", "")
                start = ref.split(":")[0]
                if start.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "1":
                    scan.merged_in_header.append(ref)
            element.clear(keep_tail=False)
            parent = element.getparent()
            if parent is not None and element.tag == row_tag:
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError:
        raise Unreadable("damaged", sheet) from None
    return scan


def _check_reach(ref: str, limits: Limits, sheet: str) -> None:
    """A cell far out (``XFD1048576``) makes the reader fill every row and column up to it:
    refuse it by its address, before anything is read."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    column = 0
    for letter in letters.upper():
        column = column * 26 + (ord(letter) - 64)
    if column > limits.max_columns or (digits and int(digits[:9]) > limits.max_rows):
        raise Unreadable("too_far", sheet, cell=ref[:12], rows=limits.max_rows - 1)


REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _small_xml(archive: zipfile.ZipFile, name: str):
    """A small part (the workbook's list of sheets) parsed safely."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(archive.read(name), parser)
    except KeyError:
        raise Unreadable("not_xlsx") from None
    except etree.XMLSyntaxError:
        raise Unreadable("damaged") from None


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """``{sheet title: part name}`` from xl/workbook.xml and its relationships."""
    workbook = _small_xml(archive, "xl/workbook.xml")
    rels = _small_xml(archive, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PACKAGE_REL_NS}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{MAIN_NS}sheet"):
        target = targets.get(sheet.get(f"{REL_NS}id"), "")
        name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if name in archive.namelist():
            parts[sheet.get("name", "")] = name
    return parts


def open_workbook(data: bytes, limits: Limits = Limits()):
    """``(workbook, {sheet title: SheetScan})``; the workbook is read-only and must be closed.

    Every sheet is scanned before openpyxl sees the file: even its read-only mode reads a whole
    sheet looking for a size when the file does not declare one."""
    archive = _check_zip(data)
    with archive:
        scans = {}
        for title, part in _sheet_parts(archive).items():
            with archive.open(part) as source:
                scans[title] = _scan_sheet(source, limits, title)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        raise Unreadable("not_xlsx") from None
    except (etree.XMLSyntaxError, ParseError):
        raise Unreadable("damaged") from None
    return wb, {title: scans.get(title, SheetScan()) for title in wb.sheetnames}
