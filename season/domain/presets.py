"""Scorecards a season starts from. The five dimensions are seed 004's service centre's
monthly list (工作数量, 工作效率, 工作价值量, 服务评价, 工作质量); the weights and rules are a
starting point the organiser sets on the site — the seed publishes no weights, so none is
claimed as the centre's."""

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorPlan:
    name: str
    rule: str
    params: dict
    unit_label: str = ""
    weight: str = "1"


@dataclass(frozen=True)
class DimensionPlan:
    name: str
    weight: str
    indicators: tuple[IndicatorPlan, ...]


FIVE_DIMENSIONS = (
    DimensionPlan("工作数量", "0.3", (
        IndicatorPlan("办件量", "linear", {"floor": "0", "target": "300", "points": "100"}, "件"),
    )),
    DimensionPlan("工作效率", "0.2", (
        IndicatorPlan("平均办结时长", "linear",
                      {"floor": "5", "target": "1", "points": "100", "higher": False}, "天"),
    )),
    DimensionPlan("工作价值量", "0.2", (
        IndicatorPlan("价值量积分", "rank",
                      {"table": ["100", "95", "90", "85", "80"], "rest": "75"}, "分"),
    )),
    DimensionPlan("服务评价", "0.15", (
        IndicatorPlan("群众满意率", "bands", {"bands": [
            {"lower": None, "upper": "90", "points": "60"},
            {"lower": "90", "upper": "95", "points": "80"},
            {"lower": "95", "upper": "98", "points": "90"},
            {"lower": "98", "upper": None, "points": "100"},
        ]}, "%"),
    )),
    DimensionPlan("工作质量", "0.15", (
        IndicatorPlan("差错扣分", "manual", {"low": "0", "high": "100"}, "分"),
    )),
)  # fmt: skip

#: Units over a year with a 赛马会 night as one component (seed 001: eight units' heads give
#: their 述职 on stage): the night's final score beside the year's routine assessment. The
#: even weights are a starting point, not a published figure; the event is chosen on the site.
UNITS_WITH_A_NIGHT = (
    DimensionPlan("赛马会述职", "0.5", (
        IndicatorPlan("赛马会成绩", "event", {"mode": "score", "factor": "1"}, "分"),
    )),
    DimensionPlan("日常考核", "0.5", (
        IndicatorPlan("日常考核得分", "manual", {"low": "0", "high": "100"}, "分"),
    )),
)  # fmt: skip

#: Units inspecting each other monthly (seed 002's 交叉检查): the problems a unit found and had
#: accepted by seed 002's published rule — at least 100 expected, +0.5 for each one over 100,
#: counted up to 200 —, the accepted problems found at it as a deduction (0.5 each: a starting
#: point, not a published figure), beside the routine assessment. Weights: a starting point.
CROSS_INSPECTION = (
    DimensionPlan("日常考核", "0.8", (
        IndicatorPlan("日常考核得分", "manual", {"low": "0", "high": "100"}, "分"),
    )),
    DimensionPlan("交叉检查", "0.2", (
        IndicatorPlan("发现问题", "count",
                      {"base": 100, "step": "1", "points": "0.5", "cap": 200}, "个"),
        IndicatorPlan("被查出问题", "count",
                      {"base": 0, "step": "1", "points": "0.5", "cap": None, "sign": -1}, "个"),
    )),
)  # fmt: skip

#: A village's households stamped weekly (seed 002's 积分): the month's reward as the value —
#: the best tier worth as many as there are tiers (first 2, second 1, none 0) — into points by
#: bands. The points are a starting point, not a published figure.
VILLAGE_STAMPS = (
    DimensionPlan("垃圾分类积分", "1", (
        IndicatorPlan("月度奖励", "bands", {"bands": [
            {"lower": None, "upper": "1", "points": "0"},
            {"lower": "1", "upper": "2", "points": "80"},
            {"lower": "2", "upper": None, "points": "100"},
        ]}, "级"),
    )),
)  # fmt: skip

PRESETS = {"five_dimensions": FIVE_DIMENSIONS, "units_with_a_night": UNITS_WITH_A_NIGHT,
           "cross_inspection": CROSS_INSPECTION, "village_stamps": VILLAGE_STAMPS}  # fmt: skip
