"""Which round a page shows: ``?round=`` names one by its number."""

from common.interfaces.params import number_param
from review.models import Round


def chosen_round(request, rounds: list[Round]) -> Round | None:
    """``?round=`` as one of the event's round numbers; anything else is no choice."""
    number = number_param(request.GET.get("round"), default=-1)
    return next((r for r in rounds if r.order == number), None)
