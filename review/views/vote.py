"""The audience vote: the public vote page audience phones open from the big screen's QR code
(no login), the big screen's bars, and the organiser's page (open/close, strict mode with
printed ticket codes, the vote timeline)."""

import io
import uuid

import segno
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.interfaces.client_address import client_address
from common.interfaces.params import id_param
from common.interfaces.refusals import refusals_as_messages
from review.domain import votes
from review.domain.roles import Can
from review.models import Appearance, AudiencePoll, Event, Round, SpecialAward
from review.queries.cache import cached
from review.queries.vote_board import poll_board, screen_poll, timeline
from review.queries.votes import has_voted
from review.views.access import event_view, rule
from review.views.screen import visible_event

VOTER_COOKIE = "saima_voter"
VOTER_SALT = "audience-vote"
VOTER_MAX_AGE = 60 * 60 * 24 * 30


def vote_url(request, poll: AudiencePoll) -> str:
    path = reverse("vote", args=[poll.token])
    return settings.PUBLIC_URL + path if settings.PUBLIC_URL else request.build_absolute_uri(path)


#: What the vote page and a vote need of the poll, its award and its event — read as plain
#: values in one small query (the page is opened by a thousand phones in a minute).
POLL_FIELDS = ("pk", "token", "state", "strict", "per_address_per_minute", "award_id",
               "award__name", "award__round_id", "award__round__event_id",
               "award__round__event__name")  # fmt: skip


def _poll(token: str) -> AudiencePoll:
    row = AudiencePoll.objects.filter(token=token[:24]).values_list(*POLL_FIELDS).first()
    if row is None:
        raise Http404
    pk, token, state, strict, per_minute, award_id, name, round_id, event_id, event_name = row
    poll = AudiencePoll(pk=pk, token=token, state=state, strict=strict,
                        per_address_per_minute=per_minute, award_id=award_id)  # fmt: skip
    poll.award = SpecialAward(pk=award_id, name=name, round_id=round_id)
    poll.award.round = Round(pk=round_id, event_id=event_id)
    poll.award.round.event = Event(pk=event_id, name=event_name)
    return poll


def _voter(request) -> str | None:
    return request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_SALT)


@rule("public")
def vote(request, token):
    """GET: the running order to vote on; POST: one vote."""
    poll = _poll(token)
    voter = _voter(request)
    status, problem, done = 200, "", False
    voted = poll.state == AudiencePoll.State.OPEN and not poll.strict and has_voted(poll.pk, voter)
    if request.method == "POST":
        try:
            votes.cast_vote(
                poll,
                id_param(request.POST.get("appearance")),
                voter or "",
                request.POST.get("device", "")[:200],
                client_address(request),
                request.POST.get("code", ""),
            )
            done = True
        except votes.VoteRefused as refused:
            status, problem = refused.status, refused.message
            voted = isinstance(refused, votes.AlreadyVoted)
    response = render(
        request,
        "review/vote/vote.html",
        {
            "poll": poll,
            "event": poll.award.round.event,
            "choices": "" if done or voted else _choices(poll),
            "done": done,
            "voted": voted,
            "problem": problem,
            "code": votes.normal_code(request.GET.get("code", "")),
        },
        status=status,
    )
    if voter is None:
        response.set_signed_cookie(
            VOTER_COOKIE,
            uuid.uuid4().hex,
            salt=VOTER_SALT,
            max_age=VOTER_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


#: The running order on the vote page lives this long in the cache (or until the event changes).
CHOICES_SECONDS = 300


def _choices(poll: AudiencePoll) -> str:
    """The running order as buttons: the same for every phone, rendered once per event version
    (a thousand phones in a minute would otherwise render it a thousand times)."""

    def render_list():
        appearances = Appearance.objects.filter(round=poll.award.round_id).select_related(
            "contestant__unit"
        )
        return render_to_string("review/vote/_choices.html", {"appearances": appearances})

    event_id = poll.award.round.event_id
    return mark_safe(cached(event_id, f"vote-choices:{poll.pk}", render_list, CHOICES_SECONDS))


@rule("public")
def vote_qr(request, token):
    poll = _poll(token)
    buffer = io.BytesIO()
    segno.make(vote_url(request, poll), error="m").save(buffer, kind="svg", scale=8, border=2)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@rule("public")
def screen_vote(request, event_pk):
    """The big screen's vote panel while the vote is open: the QR code and the live bars."""
    event = visible_event(request, event_pk)
    poll = screen_poll(event)
    board = poll_board(poll) if poll else None
    return render(request, "review/screen/_vote.html", {"poll": poll, "board": board})


@event_view(Can.RUN)
def vote_control(request, event, award_pk):
    poll = get_object_or_404(AudiencePoll, award_id=award_pk, award__round__event=event)
    if request.method == "POST":
        state = request.POST.get("state", "")
        with refusals_as_messages(request):
            if state not in AudiencePoll.State.values:
                raise votes.VoteRefused(_("Unknown change."))
            votes.set_poll_state(poll, state, request.user)
        return redirect("vote-control", event_pk=event.pk, award_pk=award_pk)
    return render(
        request,
        "review/control/vote.html",
        {
            "event": event,
            "poll": poll,
            "board": poll_board(poll),
            "timeline": timeline(poll),
            "url": vote_url(request, poll),
            "tickets": poll.tickets.count(),
            "used": poll.tickets.filter(used_at__isnull=False).count(),
        },
    )


@require_POST
@event_view(Can.MANAGE)
def vote_options(request, event, award_pk):
    poll = get_object_or_404(AudiencePoll, award_id=award_pk, award__round__event=event)
    with refusals_as_messages(request):
        if request.POST.get("op") == "tickets":
            made = votes.make_tickets(poll, id_param(request.POST.get("count")), request.user)
            messages.success(request, _("%(n)s ticket codes made.") % {"n": len(made)})
        else:
            strict = request.POST.get("strict") == "1"
            votes.set_poll_options(
                poll, strict, id_param(request.POST.get("per_minute")), request.user
            )
            messages.success(request, _("Saved."))
    return redirect("vote-control", event_pk=event.pk, award_pk=award_pk)


@event_view(Can.MANAGE)
def vote_tickets(request, event, award_pk):
    """Printable ticket cards: each code as text and as a QR code opening the vote with it."""
    poll = get_object_or_404(AudiencePoll, award_id=award_pk, award__round__event=event)
    base = vote_url(request, poll)
    cards = [
        (t.code, segno.make(f"{base}?code={t.code}", error="m").svg_inline(scale=4, border=2))
        for t in poll.tickets.filter(used_at__isnull=True)[: votes.MAX_TICKETS]
    ]
    return render(
        request, "review/control/vote_tickets.html", {"event": event, "poll": poll, "cards": cards}
    )
