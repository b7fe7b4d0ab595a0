"""The common contest shapes an organiser starts from (pure data; ``domain.structure`` builds
them). Weights and criteria are starting points to edit, not rules of any real contest."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SegmentPlan:
    name: str
    criteria: tuple[tuple[str, int], ...]  # (name, maximum)
    weight: Decimal = Decimal(1)
    time_limit_seconds: int | None = None


@dataclass(frozen=True)
class PanelPlan:
    name: str
    weight: Decimal = Decimal(1)
    aggregation: str = "trimmed"
    trim: int = 1


@dataclass(frozen=True)
class Preset:
    label: str
    description: str
    round_name: str
    segments: tuple[SegmentPlan, ...]
    panels: tuple[PanelPlan, ...]
    #: further rounds of the same shape, in order (初赛 → 复赛 → 决赛)
    later_rounds: tuple[str, ...] = ()


REPORT = SegmentPlan(
    "述职", (("实绩成效", 40), ("创新突破", 20), ("数据支撑", 20), ("作风与体会", 20))
)

PRESETS = {
    "single": Preset(
        _("Single-round reports (单轮述职)"),
        _("One round, one segment with four criteria, one panel: drop the highest and lowest."),
        "述职",
        (REPORT,),
        (PanelPlan("评委"),),
    ),
    "final3": Preset(
        _("Three-segment final (三环节决赛)"),
        _("A final of three weighted segments (50 / 20 / 30 %), one panel."),
        "决赛",
        (
            SegmentPlan(
                "红色故事讲述",
                (("内容主题", 40), ("语言表达", 30), ("感染力", 30)),
                Decimal("0.5"),
                300,
            ),
            SegmentPlan("党史知识问答", (("回答准确", 60), ("表述清晰", 40)), Decimal("0.2"), 120),
            SegmentPlan(
                "微党课演绎",
                (("主题立意", 40), ("创意设计", 30), ("现场表现", 30)),
                Decimal("0.3"),
                300,
            ),
        ),
        (PanelPlan("评委"),),
    ),
    "three_rounds": Preset(
        _("Three rounds (初赛 → 复赛 → 决赛)"),
        _(
            "Three rounds of the same shape — one segment of four criteria, one panel — the best "
            "of each advancing to the next (seed 004's contest)."
        ),
        "初赛",
        (REPORT,),
        (PanelPlan("评委"),),
        ("复赛", "决赛"),
    ),
    "two_panels": Preset(
        _("Experts and public (专家+大众)"),
        _("One round scored by two panels: experts 70 % (trimmed), public 30 % (averaged)."),
        "决赛",
        (REPORT,),
        (
            PanelPlan("专家评委", Decimal("0.7")),
            PanelPlan("大众评审", Decimal("0.3"), "mean", 0),
        ),
    ),
}
