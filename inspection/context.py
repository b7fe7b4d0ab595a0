"""Links the season's period page shows for the cross-inspections, so the season's templates
name no route of this app: ``period_links`` on the page of ``season-period``."""

from django.urls import reverse
from django.utils.translation import gettext as _


def period_links(request):
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "season-period":
        return {}
    args = [match.kwargs["season_pk"], match.kwargs["period_pk"]]
    return {"period_links": [(_("Cross-inspection draw"), reverse("inspection-draw", args=args))]}
