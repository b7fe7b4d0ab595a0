"""The season's inspectors: added per inspecting unit, each with a QR code to print."""

import segno
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from common.domain.roles import Can
from common.interfaces.params import id_param
from common.interfaces.refusals import refusals_as_messages
from inspection.domain.inspectors import add_inspector, issue_token
from inspection.models import Inspector
from season.models import Subject
from season.views.access import season_view


def login_url(request, seat) -> str:
    return request.build_absolute_uri(reverse("inspection-login", args=[seat.login_token]))


@season_view(Can.MANAGE)
def inspectors(request, season):
    """GET: each inspector with their QR code (SVG, printed with the page); POST ``add``: a
    new inspector of a unit; POST ``renew``: a new code (the old one stops working)."""
    if request.method == "POST":
        with refusals_as_messages(request):
            if request.POST.get("op") == "renew":
                seat = get_object_or_404(Inspector, season=season,
                                         pk=id_param(request.POST.get("seat")))  # fmt: skip
                issue_token(seat, request.user)
                messages.success(request, _("A new QR code; the old one no longer works."))
            else:
                unit = get_object_or_404(Subject, season=season,
                                         pk=id_param(request.POST.get("unit")))  # fmt: skip
                add_inspector(season, unit, request.POST.get("name", ""), request.user)
                messages.success(request, _("Inspector added."))
        return redirect("inspection-inspectors", season.pk)
    seats = list(Inspector.objects.filter(season=season).select_related("user", "unit__unit"))
    codes = [(seat, segno.make(login_url(request, seat), error="m").svg_inline(scale=3))
             for seat in seats if seat.login_token]  # fmt: skip
    return render(request, "inspection/inspectors.html", {
        "season": season, "codes": codes,
        "units": list(Subject.objects.filter(season=season).named()),
    })  # fmt: skip
