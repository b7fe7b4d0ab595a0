"""A subject's trend across periods as a server-rendered SVG line: no script, prints, and
reads in the page's text too (each point has a label)."""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT, PAD_X, PAD_Y = 360, 180, 36, 22


@dataclass(frozen=True)
class Point:
    x: int
    y: int
    label: str  # the period's name
    value: Decimal


@dataclass(frozen=True)
class Trend:
    points: list[Point]
    low: Decimal
    high: Decimal
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)

    @property
    def axis_y(self) -> int:
        return HEIGHT - PAD_Y


def trend(series: list[tuple[str, Decimal | None]]) -> Trend | None:
    """``series``: ``(period name, shown total)``; periods without a total leave a gap in x
    but no point. ``None`` when there is nothing to draw."""
    values = [v for _n, v in series if v is not None]
    if not values:
        return None
    low = max(Decimal(0), (min(values) - 5).quantize(Decimal(1)))
    high = (max(values) + 5).quantize(Decimal(1))
    span = high - low or Decimal(1)
    step = (WIDTH - 2 * PAD_X) / max(1, len(series) - 1)
    points = []
    for i, (name, value) in enumerate(series):
        if value is None:
            continue
        y = HEIGHT - PAD_Y - (value - low) / span * (HEIGHT - 2 * PAD_Y)
        points.append(Point(round(PAD_X + i * step), round(y), name, value))
    return Trend(points, low, high)
