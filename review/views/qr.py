"""QR codes for judges: the printable page, PNGs, issuing and revoking, and the login itself."""

import io
import zipfile

import segno
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.exports.safe import safe_filename
from common.interfaces.codes import log_in_by_code
from common.interfaces.refusals import refusals_as_messages
from review.domain.roles import Can
from review.domain.tokens import (
    TokenRefused,
    issue_missing_tokens,
    issue_token,
    judge_for_token,
    revoke_token,
)
from review.models import Judge
from review.views.access import event_view, refuse, remember_qr_login, rule


def login_url(request, judge: Judge) -> str:
    path = reverse("qr-login", args=[judge.login_token])
    if settings.PUBLIC_URL:
        return settings.PUBLIC_URL + path
    return request.build_absolute_uri(path)


def qr_for(request, judge: Judge) -> segno.QRCode:
    return segno.make(login_url(request, judge), error="m")


@event_view(Can.RUN)
def qr_sheet(request, event):
    """One card per judge, to print and hand out. Showing it never issues a code: seats
    without one are listed, and one POST (``qr-issue-missing``) gives them theirs."""
    judges = list(Judge.objects.filter(event=event).select_related("user", "unit", "event"))
    cards = []
    for judge in judges:
        if judge.login_token:
            code = qr_for(request, judge)
            cards.append(
                {
                    "judge": judge,
                    "url": login_url(request, judge),
                    "svg": code.svg_inline(scale=6, border=2),
                }
            )
        else:
            cards.append({"judge": judge, "url": None, "svg": None})
    never_issued = sum(1 for j in judges if j.token_issued_at is None and not j.user.is_staff)
    return render(
        request,
        "review/control/qr.html",
        {"event": event, "cards": cards, "never_issued": never_issued},
    )


@require_POST
@event_view(Can.RUN)
def qr_issue_missing(request, event):
    """A code for every seat that never had one; a withdrawn code stays withdrawn."""
    issued = issue_missing_tokens(event, request.user)
    messages.success(request, _("%(n)s new QR code(s) issued.") % {"n": issued})
    return redirect("qr-sheet", event_pk=event.pk)


@event_view(Can.RUN)
def qr_png(request, event, judge_pk):
    judge = get_object_or_404(Judge, pk=judge_pk, event=event)
    if judge.login_token is None:
        return refuse(request, _("This judge has no QR code; issue one first."), status=404)
    buffer = io.BytesIO()
    qr_for(request, judge).save(buffer, kind="png", scale=10, border=2)
    response = HttpResponse(buffer.getvalue(), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="judge-{judge.seat}.png"'
    return response


@event_view(Can.RUN)
def qr_zip(request, event):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for judge in Judge.objects.filter(event=event, login_token__isnull=False):
            png = io.BytesIO()
            qr_for(request, judge).save(png, kind="png", scale=10, border=2)
            archive.writestr(
                f"judge-{judge.seat}-{safe_filename(judge.display_name)}.png", png.getvalue()
            )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="qr-codes-{event.pk}.zip"'
    return response


@require_POST
@event_view(Can.RUN)
def qr_manage(request, event, judge_pk):
    judge = get_object_or_404(
        Judge.objects.select_related("user", "event"), pk=judge_pk, event=event
    )
    with refusals_as_messages(request):
        if request.POST.get("action") == "revoke":
            revoke_token(judge, request.user)
            messages.success(
                request, _("The QR code of %(j)s no longer works.") % {"j": judge.display_name}
            )
        else:
            issue_token(judge, request.user)
            messages.success(
                request,
                _("%(j)s has a new QR code; the old one no longer works.")
                % {"j": judge.display_name},
            )
    return redirect("qr-sheet", event_pk=event.pk)


@rule("public")
def qr_login(request, token):
    """Scanning a judge's code logs that judge in, for that code's event only. Someone else
    already logged in on this browser is asked first (a POST switches)."""
    try:
        judge = judge_for_token(token)
    except TokenRefused as refused:
        return refuse(request, refused.message, status=403)
    asked = log_in_by_code(request, judge.user, "review/judge/switch.html",
                           {"judge": judge, "token": token})  # fmt: skip
    if asked is not None:
        return asked
    remember_qr_login(request.session, judge)
    return redirect("judge-live", event_pk=judge.event_id)
