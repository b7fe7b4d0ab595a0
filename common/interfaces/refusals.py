"""The one way a refused change becomes what the person sees on the next page."""

from contextlib import contextmanager

from django.contrib import messages
from django.utils.translation import gettext as _

from common.domain.refusals import Refused


def not_done(refused: Refused) -> str:
    """“Not done: <why>”, in the person's language."""
    return _("Not done: %(message)s") % {"message": refused.message}


class Outcome:
    refused: Refused | None = None


@contextmanager
def refusals_as_messages(request):
    """Run a change; if a rule refuses it, the page shows “Not done: <why>” as a warning and the
    view goes on after the ``with`` block (usually to redirect back). ``as outcome`` gives
    ``outcome.refused`` for a view that answers a refusal differently from other failures."""
    outcome = Outcome()
    try:
        yield outcome
    except Refused as refused:
        outcome.refused = refused
        messages.warning(request, not_done(refused))
