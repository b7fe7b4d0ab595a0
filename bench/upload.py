"""What a hostile roster upload costs: a ~15 KB .xlsx whose one sheet declares 2,000,000 cells,
beside a real 5,000-row roster and openpyxl's own read-only open of the hostile file.

    python bench/upload.py

Each case runs in a fresh process, so the peak resident memory printed is that case's own.
"""

import io
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def roster(rows: int) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    sheets = {
        "评分标准": (["顺序", "名称", "满分"], [[1, "实绩", 100]]),
        "述职人": (
            ["出场顺序", "姓名", "职务", "单位", "述职题目"],
            [[i, f"述职人{i}", "处长", "甲处", f"报告{i}"] for i in range(1, rows + 1)],
        ),
        "评委": (["序号", "姓名", "用户名"], [[1, "评委", "j1"]]),
        "单位": (["单位名称"], [["甲处"]]),
    }
    for name, (header, body) in sheets.items():
        ws = wb.create_sheet(name)
        ws.append(header)
        for row in body:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def bomb() -> bytes:
    data = roster(1)
    source = zipfile.ZipFile(io.BytesIO(data))
    cells = b"<c/>" * 2_000_000
    xml = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1">' + cells + b"</row></sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(
                info, xml if info.filename.endswith("sheet2.xml") else source.read(info)
            )
    return out.getvalue()


def run(case: str) -> dict:
    os.environ["DJANGO_SETTINGS_MODULE"] = "saima.settings"
    os.environ.setdefault("SECRET_KEY", "bench-only-key")
    import django

    django.setup()
    from openpyxl import load_workbook

    from review.imports.roster import RosterInvalid, read_roster

    data = bomb() if case != "roster-5000" else roster(5000)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    if case == "openpyxl-read-only":
        load_workbook(io.BytesIO(data), read_only=True).close()
        outcome = "opened"
    else:
        try:
            read_roster(data, set())
            outcome = "read"
        except RosterInvalid as invalid:
            outcome = "refused: " + str(invalid.problems[0])
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "case": case,
        "bytes": len(data),
        "seconds": round(seconds, 3),
        "rss_growth_mb": round((peak - before) / 1024, 1),
        "outcome": outcome,
    }


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--case":
        print(json.dumps(run(sys.argv[2]), ensure_ascii=False))
        return
    for case in ("hostile", "roster-5000", "openpyxl-read-only"):
        out = subprocess.run(
            [sys.executable, __file__, "--case", case], capture_output=True, text=True, check=True
        )
        r = json.loads(out.stdout)
        print(
            f"{r['case']:<20} {r['bytes'] / 1024:8.0f} KB  {r['seconds'] * 1000:8.0f} ms  "
            f"memory +{r['rss_growth_mb']:6.1f} MB  {r['outcome']}"
        )


if __name__ == "__main__":
    main()
