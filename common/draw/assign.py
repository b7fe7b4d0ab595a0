"""``saima-draw/1``: the pairs of a draw from a seed.

1. The inspected units and the inspectors are each shuffled by the seed's stream
   (``stream.Stream``), inspected first.
2. Each inspected unit, in its shuffled order, takes ``per_inspected`` inspectors from a queue
   of the inspectors in their shuffled order: the first in the queue that may inspect it (no
   constraint of ``Request.allowed`` against it, not already its inspector, not inspected by it
   when reciprocal pairs are refused) and has room goes to the back of the queue; the ones
   passed over keep their place at the front. An inspector has room below ``base`` =
   ⌊total ÷ inspectors⌋ visits, or at ``base`` while fewer than ``total mod inspectors``
   inspectors have ``base + 1`` — so every load ends within one of the others.
3. A place the queue cannot fill is filled by the shortest chain of moves (breadth first, in the
   queue's order): an inspector without room takes it and hands one of its own visits to
   another, until one with room is reached.
4. A place still empty when every unit has enough candidates (the constraints together, such
   as refusing reciprocal pairs among few units, defeated this order) starts the draw again
   from step 1, the stream going on where it stands, up to ``ATTEMPTS`` times. Otherwise the
   draw is impossible: the reasons name the units and what each constraint took from their
   candidates.

The pairs come in the order they were drawn (the big screen reveals them so); a move of step 3
keeps the place of the visit it changes."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from common.draw.request import Request
from common.draw.stream import Stream

ALGORITHM = "saima-draw/1"
ATTEMPTS = 16


@dataclass(frozen=True)
class Reason:
    """Why a draw cannot be made, for one unit: ``constraint`` is ``"input"`` (the request
    itself), ``"inspected"`` (an inspected unit has fewer possible inspectors than it needs),
    ``"inspector"`` (an inspector can take fewer visits than its share) or ``"together"`` (each
    unit has enough candidates, the constraints together leave no draw)."""

    constraint: str
    who: str | None
    possible: int = 0
    needed: int = 0
    excluded: dict[str, int] = field(default_factory=dict)  # constraint → candidates it took


class Impossible(Exception):
    def __init__(self, reasons: list[Reason]):
        super().__init__("; ".join(f"{r.constraint}: {r.who}" for r in reasons))
        self.reasons = tuple(reasons)


def draw(request: Request, seed: bytes) -> list[tuple[str, str]]:
    """``[(inspector, inspected)]`` in the order drawn, or ``Impossible``."""
    _check(request)
    stream = Stream(seed)
    for _attempt in range(ATTEMPTS):
        state, unfilled = _attempt_once(request, stream)
        if not unfilled:
            pairs = [(a, b) for a, b in state.slots]
            if not broken(request, pairs):  # a chain of moves may close a reciprocal pair
                return pairs
        reasons = _diagnosis(request, unfilled, state)
        if any(r.constraint != "together" for r in reasons):
            break  # a unit short of candidates: no attempt can help
    raise Impossible(reasons)


def _attempt_once(request: Request, stream: Stream) -> tuple[_State, list[str]]:
    inspected = stream.shuffled(request.inspected)
    inspectors = stream.shuffled(request.inspectors)
    state = _State(request, inspectors)
    queue = deque(inspectors)
    unfilled = []
    for unit in inspected:
        for _ in range(request.per_inspected):
            if state.from_queue(queue, unit) is None and state.by_moves(unit) is None:
                unfilled.append(unit)
                break
    return state, unfilled


def _check(request: Request) -> None:
    problems = []
    if request.per_inspected < 1:
        problems.append(Reason("input", "per_inspected", needed=1))
    for name in ("inspectors", "inspected"):
        keys = getattr(request, name)
        if not keys:
            problems.append(Reason("input", name, needed=1))
        elif len(set(keys)) != len(keys):
            problems.append(Reason("input", name))
    if problems:
        raise Impossible(problems)


class _State:
    def __init__(self, request: Request, inspectors: list[str]):
        self.request = request
        self.order = inspectors
        total = request.per_inspected * len(request.inspected)
        self.base, self.extra = divmod(total, len(inspectors))
        self.high = 0  # inspectors at base + 1
        self.load = dict.fromkeys(inspectors, 0)
        self.slots: list[list[str]] = []  # [inspector, inspected], in the order drawn
        self.visits: dict[str, dict[str, int]] = {a: {} for a in inspectors}  # a → {b: slot}
        self.inspectors_of: dict[str, set[str]] = {b: set() for b in request.inspected}

    def room(self, a: str) -> bool:
        load = self.load[a]
        return load < self.base or (load == self.base and self.high < self.extra)

    def may(self, a: str, b: str) -> bool:
        if a in self.inspectors_of[b] or self.request.allowed(a, b) is not None:
            return False
        return not (self.request.no_reciprocal and b in self.visits and a in self.visits[b])

    def take(self, a: str, b: str) -> None:
        if self.load[a] == self.base:
            self.high += 1
        self.load[a] += 1
        self.visits[a][b] = len(self.slots)
        self.inspectors_of[b].add(a)
        self.slots.append([a, b])

    def from_queue(self, queue: deque, b: str) -> str | None:
        passed = []
        chosen = None
        while queue:
            a = queue.popleft()
            if not self.room(a):
                continue  # full for good: loads only grow
            if self.may(a, b):
                chosen = a
                self.take(a, b)
                if self.room(a):
                    queue.append(a)
                break
            passed.append(a)
        queue.extendleft(reversed(passed))
        return chosen

    def by_moves(self, b: str) -> str | None:
        """Breadth first over inspectors: ``a`` takes ``b`` and hands one of its visits ``b2``
        to the next, until an inspector with room can take the last one handed on."""
        came_from: dict[str, tuple[str | None, str]] = {}  # a → (whom it relieves, what it takes)
        seen_units = {b}
        frontier = deque()
        for a in self.order:
            if self.may(a, b):
                came_from[a] = (None, b)
                if self.room(a):
                    return self._apply(a, came_from)
                frontier.append(a)
        while frontier:
            a = frontier.popleft()
            for b2 in list(self.visits[a]):
                if b2 in seen_units:
                    continue
                seen_units.add(b2)
                for a2 in self.order:
                    if a2 not in came_from and self.may(a2, b2):
                        came_from[a2] = (a, b2)
                        if self.room(a2):
                            return self._apply(a2, came_from)
                        frontier.append(a2)
        return None

    def _apply(self, last: str, came_from) -> str:
        """``last`` (with room) takes what it was handed; each inspector before it along the
        chain gives that visit up (its place in the order stays) and takes what it was handed,
        until the first, which takes the new place. Only ``last``'s load grows."""
        a = last
        if self.load[a] == self.base:
            self.high += 1
        self.load[a] += 1
        while True:
            relieved, b = came_from[a]
            if relieved is None:
                self.visits[a][b] = len(self.slots)
                self.inspectors_of[b].add(a)
                self.slots.append([a, b])
                return a
            slot = self.visits[relieved].pop(b)
            self.inspectors_of[b].discard(relieved)
            self.slots[slot][0] = a
            self.visits[a][b] = slot
            self.inspectors_of[b].add(a)
            a = relieved


def _diagnosis(request: Request, unfilled: list[str], state: _State) -> list[Reason]:
    """What each constraint takes from the candidates of the units left short."""
    reasons = []
    for b in dict.fromkeys(unfilled):
        excluded, possible = _candidates(request, request.inspectors, lambda a, b=b: (a, b))
        if possible < request.per_inspected:
            reasons.append(Reason("inspected", b, possible, request.per_inspected, excluded))
    for a in request.inspectors:
        if state.load[a] < state.base:
            excluded, possible = _candidates(request, request.inspected, lambda b, a=a: (a, b))
            if possible < state.base:
                reasons.append(Reason("inspector", a, possible, state.base, excluded))
    if not reasons:
        for b in dict.fromkeys(unfilled):
            excluded, possible = _candidates(request, request.inspectors, lambda a, b=b: (a, b))
            reasons.append(Reason("together", b, possible, request.per_inspected, excluded))
    return reasons or [Reason("together", None)]


def _candidates(request: Request, others, pair) -> tuple[dict[str, int], int]:
    excluded: dict[str, int] = {}
    possible = 0
    for other in others:
        why = request.allowed(*pair(other))
        if why is None:
            possible += 1
        else:
            excluded[why] = excluded.get(why, 0) + 1
    return excluded, possible


def broken(request: Request, pairs: list[tuple[str, str]]) -> list[str]:
    """What a list of pairs breaks of the request (empty: a valid draw), in words for a log."""
    problems = []
    seen = set(pairs)
    if len(seen) != len(pairs):
        problems.append("a pair twice")
    for a, b in pairs:
        if a not in request.inspectors or b not in request.inspected:
            problems.append(f"{a}→{b}: not in the request")
        elif (why := request.allowed(a, b)) is not None:
            problems.append(f"{a}→{b}: {why}")
        if request.no_reciprocal and (b, a) in seen:
            problems.append(f"{a}→{b}: reciprocal")
    counts = {b: 0 for b in request.inspected}
    loads = {a: 0 for a in request.inspectors}
    for a, b in pairs:
        if b in counts and a in loads:
            counts[b] += 1
            loads[a] += 1
    problems += [f"{b}: {n} inspectors" for b, n in counts.items() if n != request.per_inspected]
    if loads and max(loads.values()) - min(loads.values()) > 1:
        problems.append("loads differ by more than one")
    return problems
