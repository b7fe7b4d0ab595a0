"""The roster workbook's sheets and columns: one definition for the template and the reader."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from review.domain.roster_input import CONTESTANTS, CRITERIA, JUDGES, UNITS


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    required: bool = False
    width: int = 14


SHEETS: dict[str, list[Column]] = {
    CRITERIA: [
        Column("order", "顺序", width=8),
        Column("name", "名称", required=True, width=16),
        Column("max_score", "满分", required=True, width=8),
        Column("step", "步长", width=8),
        Column("weight", "权重", width=8),
        Column("guidance", "评分细则", width=60),
        Column("segment", "环节", width=14),
    ],
    CONTESTANTS: [
        Column("order", "出场顺序", required=True, width=10),
        Column("name", "姓名", required=True, width=10),
        Column("post", "职务", width=10),
        Column("unit", "单位", required=True, width=32),
        Column("title", "述职题目", required=True, width=36),
        Column("statement", "述职内容", width=60),
    ],
    JUDGES: [
        Column("seat", "序号", required=True, width=8),
        Column("name", "姓名", required=True, width=12),
        Column("username", "用户名", required=True, width=16),
        Column("unit", "单位", width=32),
        Column("panel", "评委组", width=12),
    ],
    UNITS: [Column("name", "单位名称", required=True, width=40)],
}

#: Notes attached to header cells of the template.
HELP = {
    (CRITERIA, "segment"): _(
        "The segment of the round the criterion belongs to; may be left empty when the round "
        "has one segment. Add segments on the contest-shape page."
    ),
    (JUDGES, "panel"): _(
        "The judge panel in this round; empty keeps the judge where they sit (a judge seated "
        "nowhere sits in the round's first panel)."
    ),
    (CRITERIA, "step"): _("Smallest step judges may use, e.g. 0.5. Default 0.5."),
    (CRITERIA, "weight"): _("A judge's total is Σ score × weight. Default 1."),
    (CONTESTANTS, "unit"): _("Choose from the 单位 sheet."),
    (JUDGES, "username"): _("The judge's login name; a new account is made if none exists."),
    (JUDGES, "unit"): _(
        "Choose from the 单位 sheet. A judge is recused from contestants of the same unit."
    ),
}

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_CELLS = (MAX_ROWS + 1) * 12
#: Longest text per (sheet, column): the database's lengths.
MAX_LENGTH = {
    (CRITERIA, "segment"): 50,
    (CRITERIA, "name"): 100,
    (CRITERIA, "guidance"): 2000,
    (CONTESTANTS, "name"): 100,
    (CONTESTANTS, "post"): 100,
    (CONTESTANTS, "unit"): 200,
    (CONTESTANTS, "title"): 300,
    (CONTESTANTS, "statement"): 5000,
    (JUDGES, "name"): 100,
    (JUDGES, "username"): 150,
    (JUDGES, "unit"): 200,
    (JUDGES, "panel"): 50,
    (UNITS, "name"): 200,
}
