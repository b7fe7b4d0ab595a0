"""What a draw is asked: who inspects, who is inspected, how many inspectors each inspected
unit gets, and the constraints; its canonical JSON is what the 抽签记录 publishes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Request:
    inspectors: tuple[str, ...]
    inspected: tuple[str, ...]
    per_inspected: int  # inspectors each inspected unit gets
    conflicts: frozenset[tuple[str, str]] = frozenset()  # declared pairs, either way round
    districts: Mapping[str, str] = field(default_factory=dict)  # same district: no pair
    recent: frozenset[tuple[str, str]] = frozenset()  # (inspector, inspected) not to repeat
    no_reciprocal: bool = True  # never A→B and B→A in one draw

    def allowed(self, inspector: str, inspected: str) -> str | None:
        """Why this pair may not be drawn (a constraint's name), or None."""
        if inspector == inspected:
            return "self"
        if (inspector, inspected) in self.conflicts or (inspected, inspector) in self.conflicts:
            return "conflict"
        district = self.districts.get(inspector)
        if district is not None and district == self.districts.get(inspected):
            return "district"
        if (inspector, inspected) in self.recent:
            return "recent"
        return None

    def as_json(self) -> dict:
        return {
            "inspectors": list(self.inspectors),
            "inspected": list(self.inspected),
            "per_inspected": self.per_inspected,
            "conflicts": sorted([a, b] for a, b in self.conflicts),
            "districts": dict(sorted(self.districts.items())),
            "recent": sorted([a, b] for a, b in self.recent),
            "no_reciprocal": self.no_reciprocal,
        }

    @classmethod
    def from_json(cls, data: dict) -> Request:
        return cls(
            inspectors=tuple(data["inspectors"]),
            inspected=tuple(data["inspected"]),
            per_inspected=int(data["per_inspected"]),
            conflicts=frozenset((a, b) for a, b in data.get("conflicts", [])),
            districts=dict(data.get("districts", {})),
            recent=frozenset((a, b) for a, b in data.get("recent", [])),
            no_reciprocal=bool(data.get("no_reciprocal", True)),
        )
