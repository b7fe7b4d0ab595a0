"""A period's values template: one sheet named after the period, a row per subject in order, a
column per indicator (its unit in the header), holding the values entered so far. Filled in and
uploaded again, it is what ``season.imports.values`` reads."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from common.exports.safe import as_text, needs_guard
from season.models import Indicator, Period, Subject, Value

ORDER, SUBJECT = "序号", "考核对象"


def header_of(indicator: Indicator) -> str:
    return f"{indicator.name}（{indicator.unit_label}）" if indicator.unit_label else indicator.name


def template_bytes(period: Period) -> bytes:
    season = period.season
    indicators = list(Indicator.objects.filter(season=season).select_related("dimension"))
    subjects = list(Subject.objects.filter(season=season).named())
    values = {
        (s, i): v
        for s, i, v in Value.objects.filter(period=period).values_list(
            "subject_id", "indicator_id", "value"
        )
    }
    wb = Workbook()
    ws = wb.active
    ws.title = period.name
    ws.append([ORDER, SUBJECT, *(header_of(i) for i in indicators)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for subject in subjects:
        row = [subject.order, subject.name]
        row += [values.get((subject.pk, i.pk)) for i in indicators]
        ws.append(row)
        for cell in ws[ws.max_row]:
            if needs_guard(cell.value):
                as_text(cell)
    ws.freeze_panes = "C2"
    ws.column_dimensions["B"].width = 24
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
