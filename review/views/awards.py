"""奖项: a round's award tiers and 单项奖, who wins them as the ranking stands, the ties the
organiser settles, and the judges' ballots. Every change goes through ``domain.awards``."""

from urllib.parse import quote

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.exports.safe import safe_filename
from common.interfaces.forms import form_problems
from common.interfaces.params import id_param
from common.interfaces.refusals import refusals_as_messages
from review.domain import awards
from review.domain.ceremony import ceremony_step
from review.domain.roles import Can
from review.exports.certificates import certificates_pdf
from review.forms.awards import SpecialForm, TierForm
from review.models import Appearance, AwardTier, ScoreSheet, SpecialAward
from review.queries.awards import round_awards
from review.queries.structure import current_round, rounds_of
from review.views.access import event_view, refuse
from review.views.rounds import chosen_round

FORMS = {"tier": (AwardTier, TierForm), "special": (SpecialAward, SpecialForm)}


def _apply(request, event, round_) -> str:
    """Carry out the POST; returns what to tell the organiser."""
    post, op, kind = request.POST, request.POST.get("op", ""), request.POST.get("kind", "")
    if op == "exclusive":
        awards.set_specials_exclusive(event, round_, post.get("exclusive") == "1", request.user)
        return _("Saved.")
    if kind not in FORMS:
        raise awards.AwardsRefused(_("Unknown change."))
    model, form_class = FORMS[kind]
    if op == "add":
        extra = {"round_": round_} if kind == "special" else {}
        form = form_class(post, instance=model(round=round_), **extra)
        if not form.is_valid():
            raise awards.AwardsRefused(form_problems(form))
        awards.save_part(event, form.save(commit=False), request.user)
        return _("Saved.")
    part = get_object_or_404(model, pk=id_param(post.get("pk")), round=round_)
    if op == "remove":
        awards.remove_part(event, part, request.user)
        return _("Removed.")
    if op == "pick":
        ids = {id_param(p) for p in post.getlist("picked")}
        chosen = list(Appearance.objects.filter(round=round_, pk__in=ids))
        awards.pick(event, part, chosen, post.get("reason", ""), request.user)
        return _("The tie is settled.")
    if op == "ballot" and kind == "special":
        awards.set_ballot(event, part, post.get("open") == "1", request.user)
        return _("Saved.")
    raise awards.AwardsRefused(_("Unknown change."))


@event_view(Can.MANAGE)
def awards_page(request, event):
    rounds = rounds_of(event)
    round_ = chosen_round(request, rounds) or current_round(event, rounds)
    here = f"{reverse('event-awards', args=[event.pk])}?round={round_.order}"
    if request.method == "POST":
        with refusals_as_messages(request):
            messages.success(request, _apply(request, event, round_))
        return redirect(here)
    standing = round_awards(event, round_)
    nominations = {s.pk: s.nominations.count() for s in standing.specials if s.source == "ballot"}
    return render(
        request,
        "review/control/awards.html",
        {
            "event": event,
            "rounds": rounds,
            "round": round_,
            "places": round_.places(event),
            "awards": standing,
            "ties": standing.open_ties(),
            "nominations": nominations,
            "tier_form": TierForm(),
            "special_form": SpecialForm(round_=round_),
            "published": event.status == event.Status.PUBLISHED,
        },
    )


@require_POST
@event_view(Can.RUN)
def ceremony(request, event):
    """One click of the awards ceremony on the big screen (``domain.ceremony``)."""
    rounds = rounds_of(event)
    round_ = next((r for r in rounds if str(r.pk) == request.POST.get("round", "")), None)
    with refusals_as_messages(request):
        ceremony_step(event, round_, request.POST.get("step", ""), request.user)
    return redirect("control-room", event_pk=event.pk)


@event_view(Can.MANAGE)
def certificates(request, event):
    """The round's 荣誉证书 as one PDF, a page per name on its 获奖名单."""
    rounds = rounds_of(event)
    round_ = chosen_round(request, rounds) or current_round(event, rounds)
    standing = round_awards(event, round_)
    if not standing.lines:
        return refuse(
            request, _("%(round)s has no awards to present.") % {"round": round_}, status=404
        )
    demo = ScoreSheet.objects.filter(appearance__round=round_, is_generated=True).exists()
    pdf = certificates_pdf(event, round_, standing.lines, timezone.localdate(), demo)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = safe_filename(f"{event.name}-{round_.name}-荣誉证书")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.pdf"
    return response
