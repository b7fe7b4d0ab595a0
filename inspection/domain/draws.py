"""A period's draw (抽签), in three steps that each go through here and are logged: commit
(inputs, constraints and the SHA-256 of a fresh seed published; the seed kept back), draw (the
seed published with the pairs ``common.draw`` makes from it), and re-draw (with a reason: the
draw stays as it was, marked replaced, and a new commitment takes its place)."""

import secrets
from dataclasses import dataclass
from hashlib import sha256

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.domain.refusals import Refused
from common.draw import ALGORITHM, Impossible, Request, draw
from common.draw.assign import broken
from inspection.domain.audit import record
from inspection.models import Draw, InspectionEntry, Pair
from season.models import Period, Subject

MAX_PER_INSPECTED = 20
MAX_RECENT = 12
MAX_REASON = 500


class DrawRefused(Refused):
    pass


@dataclass(frozen=True)
class Constraints:
    per_inspected: int = 2
    avoid_recent: int = 0  # the pairs of this many earlier periods are not drawn again
    conflicts: tuple[tuple[Subject, Subject], ...] = ()
    districts: dict | None = None  # {subject: district}
    no_reciprocal: bool = True


def key(subject) -> str:
    return str(subject.pk)


def live_draw(period: Period) -> Draw | None:
    return Draw.objects.filter(period=period).exclude(state=Draw.State.REPLACED).first()


def _locked(period: Period) -> Period:
    """The period as it stands, locked until the change is done: one draw change at a time."""
    return Period.objects.select_for_update().select_related("season").get(pk=period.pk)


def _request(period: Period, constraints: Constraints) -> Request:
    subjects = list(Subject.objects.filter(season=period.season).order_by("pk"))
    if len(subjects) < 2:
        raise DrawRefused(_("A draw needs at least two units."))
    if not 1 <= constraints.per_inspected <= MAX_PER_INSPECTED:
        raise DrawRefused(_("Inspectors per unit: a whole number from 1 to %(n)s.")
                          % {"n": MAX_PER_INSPECTED})  # fmt: skip
    if not 0 <= constraints.avoid_recent <= MAX_RECENT:
        raise DrawRefused(_("Earlier periods to avoid: a whole number from 0 to %(n)s.")
                          % {"n": MAX_RECENT})  # fmt: skip
    earlier = Period.objects.filter(season=period.season, order__lt=period.order)
    recent = list(earlier.order_by("-order").values_list("pk", flat=True)[
        : constraints.avoid_recent])  # fmt: skip
    pairs = Pair.objects.filter(draw__period__in=recent, draw__state=Draw.State.DRAWN)
    keys = tuple(key(s) for s in subjects)
    return Request(
        inspectors=keys,
        inspected=keys,
        per_inspected=constraints.per_inspected,
        conflicts=frozenset((key(a), key(b)) for a, b in constraints.conflicts),
        districts={key(s): d for s, d in (constraints.districts or {}).items()},
        recent=frozenset(
            (str(a), str(b)) for a, b in pairs.values_list("inspector_id", "inspected_id")
        ),  # fmt: skip
        no_reciprocal=constraints.no_reciprocal,
    )


def _commit(period: Period, constraints: Constraints, actor, seed: bytes | None = None) -> Draw:
    if period.status != Period.Status.OPEN:
        raise DrawRefused(_("%(period)s is published: its draw can no longer be made.")
                          % {"period": period.name})  # fmt: skip
    request = _request(period, constraints)
    seed = seed or secrets.token_bytes(32)
    made = Draw.objects.create(
        season=period.season, period=period, algorithm=ALGORITHM, request=request.as_json(),
        commitment=sha256(seed).hexdigest(), seed=seed.hex(), committed_by=actor,
    )  # fmt: skip
    record(period.season, actor, InspectionEntry.Kind.COMMITTED, period=period,
           commitment=made.commitment, draw=made.pk)  # fmt: skip
    return made


@transaction.atomic
def commit(period: Period, constraints: Constraints, actor, *, seed: bytes | None = None) -> Draw:
    """Publishes what the draw will be made from: the units, the constraints and the hash of a
    fresh random seed, which is kept back until the draw. (``seed``: only the generated demo
    passes one, derived from its own ``--seed``, so that the demo is the same each time.)"""
    period = _locked(period)
    if live_draw(period) is not None:
        raise DrawRefused(_("%(period)s has a draw already; a new one is a re-draw, with a "
                            "reason.") % {"period": period.name})  # fmt: skip
    return _commit(period, constraints, actor, seed)


@transaction.atomic
def make(period: Period, actor) -> Draw:
    """Draws the committed pairs: the seed is published with them."""
    period = _locked(period)
    made = live_draw(period)
    if made is None or made.state != Draw.State.COMMITTED:
        raise DrawRefused(_("There is no committed draw to make: commit one first."))
    request = Request.from_json(made.request)
    try:
        pairs = draw(request, bytes.fromhex(made.seed))
    except Impossible as impossible:
        raise DrawRefused(explain(impossible, made)) from None
    Pair.objects.bulk_create(
        Pair(draw=made, order=n, inspector_id=int(a), inspected_id=int(b))
        for n, (a, b) in enumerate(pairs, start=1)
    )
    made.state, made.drawn_at = Draw.State.DRAWN, timezone.now()
    made.save(update_fields=["state", "drawn_at"])
    record(period.season, actor, InspectionEntry.Kind.DRAWN, period=period, draw=made.pk,
           seed=made.seed, pairs=len(pairs))  # fmt: skip
    return made


@transaction.atomic
def redraw(period: Period, constraints: Constraints, actor, reason: str) -> Draw:
    """The live draw (committed or drawn) is kept, marked replaced with the reason; a new
    commitment with these constraints takes its place."""
    period = _locked(period)
    reason = str(reason).strip()[:MAX_REASON]
    if not reason:
        raise DrawRefused(_("A re-draw needs a reason: it is published with both draws."))
    old = live_draw(period)
    if old is None:
        raise DrawRefused(_("There is no draw to make again: commit one first."))
    old.state, old.replaced_reason = Draw.State.REPLACED, reason
    old.save(update_fields=["state", "replaced_reason"])
    made = _commit(period, constraints, actor)
    record(period.season, actor, InspectionEntry.Kind.REDRAWN, period=period, reason=reason,
           replaced=old.pk, draw=made.pk)  # fmt: skip
    return made


def names(draw_: Draw) -> dict[str, str]:
    """Each unit's key in the draw → its name."""
    subjects = Subject.objects.filter(season_id=draw_.season_id).named()
    return {key(s): s.name for s in subjects}


def explain(impossible: Impossible, made: Draw) -> str:
    """Which constraint fails for whom, in words."""
    named = names(made)
    taken = {
        "self": _("itself"), "conflict": _("declared conflicts"), "district": _("same district"),
        "recent": _("pairs of earlier periods"),
    }  # fmt: skip
    lines = []
    for reason in impossible.reasons:
        unit = named.get(reason.who or "", reason.who or "")
        why = "、".join(f"{taken.get(k, k)} {n}" for k, n in sorted(reason.excluded.items()))
        counts = {"unit": unit, "possible": reason.possible, "needed": reason.needed, "why": why}
        if reason.constraint == "inspected":
            lines.append(ngettext(
                "%(unit)s can be inspected by %(possible)s unit only, %(needed)s needed (%(why)s "
                "ruled out)", "%(unit)s can be inspected by %(possible)s units only, %(needed)s "
                "needed (%(why)s ruled out)", reason.possible) % counts)  # fmt: skip
        elif reason.constraint == "inspector":
            lines.append(_(
                "%(unit)s can inspect %(possible)s units only, its share is %(needed)s (%(why)s "
                "ruled out)") % counts)  # fmt: skip
        elif reason.constraint == "together":
            lines.append(_(
                "%(unit)s: every unit has enough candidates, but the constraints together (no "
                "reciprocal pairs among them) leave no draw; ask for fewer inspectors per unit "
                "or allow reciprocal pairs") % {"unit": unit or _("the draw")})  # fmt: skip
        else:
            lines.append(_("The request itself cannot be drawn (%(what)s).")
                         % {"what": reason.who})  # fmt: skip
    return _("No draw can meet the constraints: %(lines)s.") % {"lines": "; ".join(lines)}


def verify(made: Draw) -> list[str]:
    """What does not hold of a published draw (empty: it is what its seed and inputs give):
    the seed hashes to the commitment, the algorithm is the one named, re-running it gives the
    pairs published, and they keep every constraint."""
    problems = []
    if made.state == Draw.State.COMMITTED:
        return [_("The draw has not been made yet: only its commitment is published.")]
    seed = bytes.fromhex(made.seed)
    if sha256(seed).hexdigest() != made.commitment:
        problems.append(_("The seed does not hash to the published commitment."))
    if made.algorithm != ALGORITHM:
        problems.append(_("The draw names the algorithm %(named)s; this version runs %(ours)s.")
                        % {"named": made.algorithm, "ours": ALGORITHM})  # fmt: skip
        return problems
    request = Request.from_json(made.request)
    published = [(str(a), str(b)) for a, b in made.pairs.order_by("order")
                 .values_list("inspector_id", "inspected_id")]  # fmt: skip
    try:
        again = draw(request, seed)
    except Impossible:
        again = None
    if again != published:
        problems.append(_("Re-running the draw from its seed and inputs gives other pairs."))
    problems += broken(request, published)
    return problems
