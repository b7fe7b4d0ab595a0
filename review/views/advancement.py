"""晋级: the organiser puts the best of a round into the next round's running order. The cut is
shown first; a tie across it is settled only by the organiser's choice, with a reason."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from common.interfaces.params import id_params
from review.domain.advancement import AdvancementRefused, Settle, advance, plan_cut, seats_for
from review.domain.roles import Can
from review.queries.standing import round_ranking
from review.queries.structure import rounds_of
from review.views.access import event_view


def _seats(post_or_get, field: int) -> tuple[int | None, str]:
    """Seats from ``count`` or ``percent``, and the problem with them if any."""
    count, percent = post_or_get.get("count", "").strip(), post_or_get.get("percent", "").strip()
    try:
        if count:
            value = int(count)
            if not 0 < value <= 9999:
                raise ValueError
            return seats_for(field, count=value), ""
        if percent:
            share = Decimal(percent)
            if not 0 < share <= 100:
                raise ValueError
            return seats_for(field, percent=share), ""
    except (ValueError, InvalidOperation):
        return None, _("Give how many advance: a number of places, or a percentage up to 100.")
    return None, ""


@event_view(Can.MANAGE)
def advancement(request, event):
    """GET ``?count=`` or ``?percent=`` shows the cut; POST puts it into the next round."""
    rounds = rounds_of(event)
    pairs = [(r, n) for r, n in zip(rounds, rounds[1:], strict=False) if r.has_appearances]
    pair = next(((r, n) for r, n in pairs if not n.has_appearances), None)
    context = {"event": event, "pair": pair, "rounds": rounds}
    if pair is None:
        return render(request, "review/control/advancement.html", context)
    source, into = pair
    ranked = round_ranking(event, source)
    params = request.POST if request.method == "POST" else request.GET
    seats, problem = _seats(params, len(ranked))
    context.update(ranked=ranked, problem=problem, seats=seats, params=params)
    if seats is None:
        status = 400 if problem else 200
        return render(request, "review/control/advancement.html", context, status=status)
    cut = plan_cut(ranked, seats)
    context["cut"] = cut
    if request.method != "POST":
        return render(request, "review/control/advancement.html", context)
    picked_ids = id_params(request.POST.getlist("picked"))
    picked = tuple(s for s in cut.tied if s.pk in picked_ids)
    raw = request.POST.get("settle", "")
    settle = Settle(raw) if raw in {s.value for s in Settle} else Settle.NO_TIE
    try:
        reason = request.POST.get("reason", "")[:500]
        made = advance(event, into, cut, request.user, settle, picked, reason)
    except AdvancementRefused as refused:
        context["problem"] = refused.message
        return render(request, "review/control/advancement.html", context, status=400)
    messages.success(
        request, _("%(n)s contestants go through to %(round)s.") % {"n": len(made), "round": into}
    )
    return redirect(f"{reverse('control-room', args=[event.pk])}?round={into.order}")
