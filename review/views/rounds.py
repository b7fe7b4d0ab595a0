"""Which round a page shows: ``?round=`` names one by its number."""

from review.models import Round


def chosen_round(request, rounds: list[Round]) -> Round | None:
    """``?round=`` as one of the event's round numbers; anything else is no choice."""
    raw = request.GET.get("round", "")
    if not (raw.isdigit() and len(raw) < 4):
        return None
    return next((r for r in rounds if r.order == int(raw)), None)
