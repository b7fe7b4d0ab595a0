"""What the draw's pages and workbook read: a period's live draw and the draws it replaced,
each with its pairs by name and whether it verifies."""

from dataclasses import dataclass, field

from inspection.domain.draws import names as names_of
from inspection.domain.draws import verify
from inspection.models import Draw, InspectionEntry
from season.models import Period


@dataclass
class DrawView:
    draw: Draw
    pairs: list[tuple[int, str, str]]  # (order, inspecting unit, inspected unit)
    problems: list[str] = field(default_factory=list)  # of verify(); empty: it verifies
    by_inspector: list[tuple[str, list[str]]] = field(default_factory=list)
    recent_count: int = 0

    @property
    def drawn(self) -> bool:
        return self.draw.state != Draw.State.COMMITTED


@dataclass
class PeriodDraws:
    live: DrawView | None
    replaced: list[DrawView]
    names: dict[str, str]
    log: list[InspectionEntry]


def _view(draw: Draw, names: dict[str, str]) -> DrawView:
    pairs = [(order, names.get(str(a), str(a)), names.get(str(b), str(b)))
             for order, a, b in draw.pairs.order_by("order")
             .values_list("order", "inspector_id", "inspected_id")]  # fmt: skip
    grouped: dict[str, list[str]] = {}
    for _o, a, b in pairs:
        grouped.setdefault(a, []).append(b)
    view = DrawView(draw, pairs, by_inspector=sorted(grouped.items()),
                    recent_count=len(draw.request.get("recent", [])))  # fmt: skip
    if view.drawn:
        view.problems = verify(draw)
    return view


def period_draws(period: Period) -> PeriodDraws:
    draws = list(Draw.objects.filter(period=period).order_by("committed_at", "pk"))
    if not draws:
        return PeriodDraws(None, [], {}, [])
    names = names_of(draws[0])
    live = next((d for d in draws if d.state != Draw.State.REPLACED), None)
    log = list(InspectionEntry.objects.filter(period=period).select_related("actor"))
    return PeriodDraws(
        _view(live, names) if live else None,
        [_view(d, names) for d in draws if d.state == Draw.State.REPLACED],
        names,
        log,
    )
