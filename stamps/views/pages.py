"""A month's stamps: the checker's phone (a week's households, one tap each), a household's
printable A4 积分卡, the month's reward list, the reward tiers, and the rewards taken into the
season. Every change goes through ``stamps.domain``."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from common.domain.roles import Can, can
from common.interfaces.params import id_param, number_param
from common.interfaces.photos import photos_of, with_photo_handler
from common.interfaces.refusals import refusals_as_messages
from common.scoring.stamps import WORTH
from common.scoring.stamps import Stamp as Colour
from season.domain.roles import SEASON
from season.models import Indicator, Subject
from season.views.access import member_view, period_of, season_view, subject_page
from stamps.domain.stamps import (
    StampRefused,
    month_results,
    set_tiers,
    stamp,
    take_rewards,
    tiers_of,
)
from stamps.exports.workbook import stamp_workbook_bytes
from stamps.models import WEEKS, Stamp

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HALF = WORTH[Colour.EMPTY]


def _week(raw) -> int:
    return min(max(number_param(raw, 1), 1), WEEKS)


@season_view(Can.RUN)
def checker(request, season, period_pk):
    """GET: the week's households, each with its stamp and three buttons."""
    period = period_of(season, period_pk)
    week = _week(request.GET.get("week"))
    subjects = list(Subject.objects.filter(season=season).named().order_by("order"))
    results = month_results(period, subjects)
    rows = [(s, results[s.pk][0].get(week)) for s in subjects]
    return render(request, "stamps/checker.html", {
        "season": season, "period": period, "week": week, "weeks": range(1, WEEKS + 1),
        "rows": rows, "colours": Stamp.Colour.choices,
        "stamped": sum(1 for _s, c in rows if c), "open": period.status == "open",
    })  # fmt: skip


@csrf_exempt  # checked below, once the photo handler is in place
@season_view(Can.RUN)
def stamp_one(request, season, period_pk):
    return _stamp_one(request, season, period_pk, with_photo_handler(request))


@csrf_protect
@require_POST
def _stamp_one(request, season, period_pk, handler):
    period = period_of(season, period_pk)
    week = _week(request.POST.get("week"))
    subject = get_object_or_404(Subject, season=season, pk=id_param(request.POST.get("subject")))
    with refusals_as_messages(request):
        photos = photos_of(request, handler, "photo")[:1]
        photo = photos[0] if photos else None
        stamp(period, subject, week, str(request.POST.get("colour", "")), request.user, photo)
    checker_url = reverse("stamps-checker", args=[season.pk, period.pk])
    return redirect(f"{checker_url}?week={week}#s{subject.pk}")


@require_GET
@subject_page
def card(request, season, subject, staff):
    """A household's 积分卡 for a month: its weekly stamps and the reward they earn."""
    stamped = (Stamp.objects.filter(subject=subject).order_by("-period__order")
               .values_list("period_id", flat=True).first())  # fmt: skip
    first_open = season.periods.filter(status="open").values_list("pk", flat=True).first()
    period = period_of(season, number_param(request.GET.get("period")) or stamped or first_open
                       or season.periods.values_list("pk", flat=True).last())  # fmt: skip
    weeks, result = month_results(period, [subject])[subject.pk]
    return render(request, "stamps/card.html", {
        "season": season, "period": period, "subject": subject,
        "weeks": [(w, weeks.get(w)) for w in range(1, WEEKS + 1)], "month": result,
        "tiers": tiers_of(season), "half": HALF, "periods": list(season.periods.all()),
    })  # fmt: skip


@require_GET
@member_view
def rewards(request, season, staff, period_pk):
    """The month's reward list: every household's stamps and tier, printable."""
    period = period_of(season, period_pk, published_only=not staff)
    subjects = list(Subject.objects.filter(season=season).named().order_by("order"))
    results = month_results(period, subjects)
    rows = [(s, [results[s.pk][0].get(w) for w in range(1, WEEKS + 1)], results[s.pk][1])
            for s in subjects]  # fmt: skip
    return render(request, "stamps/rewards.html", {
        "season": season, "period": period, "rows": rows, "tiers": tiers_of(season),
        "weeks": range(1, WEEKS + 1), "staff": staff,
        "can_run": can(request.user, SEASON, season.pk, Can.RUN),
        "indicators": list(Indicator.objects.filter(season=season)
                           .exclude(rule__in=["rank", "event"])),
    })  # fmt: skip


@season_view(Can.MANAGE)
def tiers(request, season):
    """The reward tiers, one a line: name, at least red points, at most blacks (blank: any)."""
    if request.method == "POST":
        with refusals_as_messages(request):
            parsed = []
            for n, line in enumerate(str(request.POST.get("tiers", ""))[:2000].splitlines(), 1):
                parts = [p.strip() for p in line.replace("，", ",").split(",")]
                if not any(parts):
                    continue
                try:
                    name, red = parts[0], Decimal(parts[1])
                    black = int(parts[2]) if len(parts) > 2 and parts[2] else None
                except (IndexError, InvalidOperation, ValueError):
                    raise StampRefused(_("Line %(n)s: write name, red points, blacks.")
                                       % {"n": n}) from None  # fmt: skip
                parsed.append((name, red, black))
            set_tiers(season, parsed, request.user)
            messages.success(request, _("Reward tiers saved."))
        return redirect("stamps-tiers", season.pk)
    text = "\n".join(f"{t.name}, {t.min_red}, {'' if t.max_black is None else t.max_black}"
                     for t in tiers_of(season))  # fmt: skip
    return render(request, "stamps/tiers.html", {"season": season, "text": text})


@require_POST
@season_view(Can.RUN)
def take(request, season, period_pk):
    period = period_of(season, period_pk)
    indicator = Indicator.objects.filter(
        season=season, pk=id_param(request.POST.get("indicator"))
    ).first()
    with refusals_as_messages(request):
        if indicator is None:
            raise StampRefused(_("Choose an indicator of this season."))
        changes = take_rewards(
            period, indicator, request.user, str(request.POST.get("reason", ""))[:200]
        )
        messages.success(request, ngettext("%(n)s value saved.", "%(n)s values saved.",
                                           len(changes)) % {"n": len(changes)})  # fmt: skip
    return redirect("stamps-rewards", season.pk, period.pk)


@require_GET
@member_view
def month_workbook(request, season, staff, period_pk):
    period = period_of(season, period_pk, published_only=not staff)
    response = HttpResponse(stamp_workbook_bytes(period), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="stamps-{season.code}-{period.pk}.xlsx"'
    )
    return response
