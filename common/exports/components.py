"""Sheets an app built on the season adds to its year-end workbook, without the season naming
the app: an app registers ``provide(fn)`` at start-up (its ``AppConfig.ready``), ``fn(season,
periods)`` answering its ``Component`` sheets (none when the season has nothing of it), and
the season's workbook writes each after its own."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Component:
    title: str
    header: list
    rows: list[list]


_PROVIDERS: list[Callable] = []


def provide(fn: Callable) -> None:
    if fn not in _PROVIDERS:
        _PROVIDERS.append(fn)


def components(season, periods: Sequence) -> list[Component]:
    return [sheet for fn in _PROVIDERS for sheet in fn(season, periods)]
