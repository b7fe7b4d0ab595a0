"""The judges' ballot for a 单项奖 (e.g. 最具潜质奖): each judge nominates one contestant of the
round on the phone while the organiser keeps the ballot open; a new choice replaces the old."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.interfaces.params import id_param
from common.interfaces.refusals import refusals_as_messages
from review.domain import awards
from review.domain.recusal import declared_recusals, recused_pairs
from review.models import Appearance, Nomination, SpecialAward
from review.views.access import judge_view


def open_ballots(judge) -> list[SpecialAward]:
    return list(
        SpecialAward.objects.filter(
            round__event=judge.event_id, source=SpecialAward.Source.BALLOT, ballot_open=True
        )
    )


@judge_view
def ballot(request, judge, award_pk):
    award = get_object_or_404(
        SpecialAward, pk=award_pk, round__event=judge.event_id, source=SpecialAward.Source.BALLOT
    )
    if request.method == "POST":
        raw = request.POST.get("appearance", "")
        sub = (
            Appearance.objects.filter(pk=id_param(raw), round=award.round_id)
            .select_related("contestant")
            .first()
        )
        with refusals_as_messages(request):
            if sub is None:
                raise awards.AwardsRefused(_("Choose one of the contestants on the list."))
            awards.nominate(judge, award, sub)
            messages.success(
                request, _("Your nomination: %(name)s.") % {"name": sub.contestant.name}
            )
        return redirect("judge-ballot", event_pk=judge.event_id, award_pk=award.pk)
    appearances = list(
        Appearance.objects.filter(round=award.round_id).select_related("contestant__unit")
    )
    recused = recused_pairs([judge], appearances, declared_recusals(judge.event_id))
    mine = (
        Nomination.objects.filter(award=award, judge=judge)
        .values_list("appearance_id", flat=True)
        .first()
    )
    return render(
        request,
        "review/judge/ballot.html",
        {
            "event": judge.event,
            "judge": judge,
            "award": award,
            "choices": [(s, (judge.pk, s.pk) in recused) for s in appearances],
            "mine": mine,
        },
    )
