"""The roster workbook: the import template, filled with the event's current roster.

Exporting an event's roster and importing it into an empty event gives the same data.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from common.exports.safe import as_text, needs_guard
from review.imports.columns import CONTESTANTS, CRITERIA, HELP, JUDGES, MAX_ROWS, SHEETS, UNITS
from review.models import Appearance, Criterion, Event, Judge, Round, first_round
from review.queries.structure import round_shape

HEADER_FONT = Font(bold=True)
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
OPTIONAL_FILL = PatternFill("solid", fgColor="DDE4EE")


def roster_rows(event: Event, round_: Round | None = None) -> dict[str, list[list]]:
    """One round's roster (by default the first): its criteria by segment, its running order,
    and the event's judges with their panel in this round."""
    round_ = round_ or first_round(event.pk)
    subs = Appearance.objects.filter(round=round_).select_related("contestant__unit")
    judges = Judge.objects.filter(event=event).select_related("user", "unit")
    used = {s.contestant.unit.name for s in subs} | {j.unit.name for j in judges if j.unit}
    shape = round_shape(round_)
    panel_names = {p.pk: p.name for p in shape.panels}
    return {
        CRITERIA: [
            [
                c.order,
                c.name,
                c.max_score.normalize(),
                c.step.normalize(),
                c.weight.normalize(),
                c.guidance,
                c.segment.name,
            ]
            for c in Criterion.objects.filter(segment__round=round_).select_related("segment")
        ],
        CONTESTANTS: [
            [
                s.order,
                s.contestant.name,
                s.contestant.post,
                s.contestant.unit.name,
                s.title,
                s.statement,
            ]
            for s in subs
        ],  # fmt: skip
        JUDGES: [
            [
                j.seat,
                j.display_name,
                j.user.username,
                j.unit.name if j.unit else "",
                panel_names.get(shape.panel_of(j.pk), "") if len(shape.panels) > 1 else "",
            ]
            for j in judges
        ],
        # This event's units only: one department never sees another's through a shared server.
        UNITS: [[name] for name in sorted(used | _event_units(event))],
    }


def _event_units(event: Event) -> set[str]:
    in_rounds = Appearance.objects.filter(event=event).values_list("contestant__unit__name")
    of_judges = Judge.objects.filter(event=event, unit__isnull=False).values_list("unit__name")
    return {name for (name,) in in_rounds.order_by()} | {name for (name,) in of_judges.order_by()}


def roster_workbook(event: Event, round_: Round | None = None) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    data = roster_rows(event, round_)
    for name, columns in SHEETS.items():
        ws = wb.create_sheet(name)
        ws.append([c.title for c in columns])
        for index, column in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=index)
            cell.font = HEADER_FONT
            cell.fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
            ws.column_dimensions[cell.column_letter].width = column.width
            note = HELP.get((name, column.key))
            if note:
                cell.comment = Comment(str(note), "Saima")
            if column.key == "unit":
                rule = DataValidation(
                    type="list",
                    formula1=f"'{UNITS}'!$A$2:$A${MAX_ROWS + 1}",
                    allow_blank=not column.required,
                    showErrorMessage=True,
                    errorTitle="单位",
                    error="请从“单位”工作表中选择单位，或先在该表中添加。",
                )
                rule.add(f"{cell.column_letter}2:{cell.column_letter}{MAX_ROWS + 1}")
                ws.add_data_validation(rule)
        for values in data[name]:
            ws.append(values)
            for cell in ws[ws.max_row]:
                if needs_guard(cell.value):
                    as_text(cell)
        ws.freeze_panes = "A2"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
