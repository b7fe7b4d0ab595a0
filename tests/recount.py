"""Recounting a workbook in a real spreadsheet engine: LibreOffice and Gnumeric each recalculate
every formula and write every sheet as the cells show (CSV). A recount test runs with both, so a
formula that one engine evaluates differently (Gnumeric's ``SUMPRODUCT(LARGE(r,{1,2}))``, its
exact ``=``) fails here."""

import csv
import io
import subprocess

import pytest
from openpyxl import load_workbook

from tests.tools import require_program

ENGINES = ("libreoffice", "gnumeric")
#: LibreOffice's CSV filter: comma, quote, UTF-8, from row 1, cells as shown, every sheet.
LIBREOFFICE_CSV = "Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

engines = pytest.mark.parametrize("engine", ENGINES)


def without_printouts(data: bytes) -> bytes:
    """The workbook less the judges' 评分表 and the chart pages: no formula refers to them, and
    an engine converting forty-odd of them per recount is most of CI's spreadsheet time."""
    wb = load_workbook(io.BytesIO(data))
    dropped = [ws for ws in wb.worksheets if ws.title.startswith("评分表")]
    dropped += [cs for cs in wb.chartsheets] + [
        ws for ws in wb.worksheets if ws.title.endswith("得分图") and ws.max_row <= 1
    ]
    if not dropped:
        return data
    for sheet in dropped:
        wb.remove(sheet)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def recalculated(data: bytes, tmp_path, engine: str, skip_rows: int = 4) -> dict[str, list]:
    """Every sheet that holds or feeds a formula as ``engine`` recalculates it, below its
    title rows: ``{title: rows}`` (``without_printouts``)."""
    data = without_printouts(data)
    names = load_workbook(io.BytesIO(data), read_only=True).sheetnames
    folder = tmp_path / engine
    folder.mkdir(exist_ok=True)
    path = folder / "book.xlsx"
    path.write_bytes(data)
    if engine == "libreoffice":
        soffice = require_program("soffice")
        subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/lo",
             "--convert-to", f"csv:{LIBREOFFICE_CSV}", "--outdir", str(folder / "out"), str(path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        files = {name: folder / "out" / f"book-{name}.csv" for name in names}
    else:
        ssconvert = require_program("ssconvert")
        (folder / "out").mkdir()
        subprocess.run(
            [ssconvert, "--recalc", "-S", "-T", "Gnumeric_stf:stf_assistant", "-O",
             "format=preserve", str(path), str(folder / "out" / "book-%s.csv")],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        files = {name: folder / "out" / f"book-{name}.csv" for name in names}
    found = {}
    for name, file in files.items():
        with file.open(encoding="utf-8") as f:
            found[name] = list(csv.reader(f))[skip_rows:]
    return found
