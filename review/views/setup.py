"""Setting up a contest without the Django admin: a new event from a preset, then its shape —
rounds, segments with their criteria, panels with their judges — on one page."""

from decimal import Decimal

from django.contrib import messages
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.interfaces.forms import form_problems
from common.interfaces.params import id_param
from common.interfaces.refusals import refusals_as_messages
from common.scoring.display import plain
from review.domain.presets import PRESETS
from review.domain.roles import Can
from review.domain.structure import (
    StructureRefused,
    copy_shape,
    create_event,
    move_round,
    panel_members,
    remove_part,
    save_part,
    seat_judges,
)
from review.forms.setup import (
    CriterionForm,
    NewEventForm,
    PanelForm,
    RoundForm,
    SegmentForm,
    TieBreakForm,
)
from review.models import Criterion, Judge, Panel, Round, Segment, TieBreakRule
from review.views.access import event_view, refuse, rule


@rule("staff")
def event_new(request):
    """新建活动: staff users create events and become their organisers."""
    if not request.user.is_authenticated or not request.user.is_staff:
        return refuse(request, _("Only staff accounts can create events."))
    form = NewEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "preset"}
        event = create_event(values, form.cleaned_data["preset"], request.user)
        messages.success(request, _("The event is created as a draft. Now shape it."))
        return redirect("event-structure", event_pk=event.pk)
    return render(
        request,
        "review/control/new_event.html",
        {"form": form, "presets": PRESETS},
        status=400 if form.is_bound else 200,
    )


#: kind → (model, form, how to find one of the event's, its parent's model and field)
KINDS = {
    "round": (Round, RoundForm, "event", None, None),
    "segment": (Segment, SegmentForm, "round__event", Round, "round"),
    "criterion": (Criterion, CriterionForm, "event", Segment, "segment"),
    "panel": (Panel, PanelForm, "round__event", Round, "round"),
    "tiebreak": (TieBreakRule, TieBreakForm, "event", None, None),
}
PARENT_SCOPE = {Round: "event", Segment: "round__event"}


def _part(event, kind, post):
    """The part named by the POST (``pk``), or a new one under ``parent``, of this event."""
    model, _form, scope, parent_model, parent_field = KINDS[kind]
    if post.get("pk"):
        return get_object_or_404(model, pk=id_param(post["pk"]), **{scope: event})
    if parent_model is None:
        part = model(event=event)
    else:
        parent = get_object_or_404(
            parent_model, pk=id_param(post.get("parent")), **{PARENT_SCOPE[parent_model]: event}
        )
        part = model(**{parent_field: parent})
        if model is Criterion:
            part.event = event
    siblings = model.objects.filter(**_siblings_of(part))
    part.order = (siblings.aggregate(top=Max("order"))["top"] or 0) + 1
    return part


def _siblings_of(part) -> dict:
    if isinstance(part, (Round, TieBreakRule)):
        return {"event": part.event_id}
    if isinstance(part, Criterion):
        return {"segment": part.segment_id}
    return {"round": part.round_id}


def _move(request, event, round_, step):
    if move_round(event, round_, step, request.user):
        messages.success(request, _("%(name)s moved.") % {"name": round_.name})


def _copy(request, event, round_):
    source = get_object_or_404(Round, pk=id_param(request.POST.get("source")), event=event)
    copy_shape(event, source, round_, request.user)
    messages.success(
        request, _("%(target)s now has the segments, criteria and panels of %(source)s.")
        % {"target": round_.name, "source": source.name},
    )  # fmt: skip


ROUND_OPS = {
    "up": lambda request, event, round_: _move(request, event, round_, -1),
    "down": lambda request, event, round_: _move(request, event, round_, 1),
    "copy": _copy,
}


def _apply(request, event) -> None:
    post = request.POST
    op, kind = post.get("op", ""), post.get("kind", "")
    if op == "seat":
        panel = get_object_or_404(Panel, pk=id_param(post.get("pk")), round__event=event)
        seat_judges(event, panel, {id_param(j) for j in post.getlist("judges")}, request.user)
        messages.success(request, _("The panel's judges are saved."))
        return
    if op in ROUND_OPS:
        ROUND_OPS[op](request, event, get_object_or_404(Round, pk=id_param(post.get("pk")),
                                                        event=event))  # fmt: skip
        return
    if kind not in KINDS or op not in ("save", "remove"):
        raise StructureRefused(_("Unknown change."))
    part = _part(event, kind, post)
    if op == "remove":
        remove_part(event, part, request.user)
        messages.success(request, _("Removed."))
        return
    form = KINDS[kind][1](post, instance=part)
    if not form.is_valid():
        raise StructureRefused(form_problems(form))
    save_part(event, form.save(commit=False), request.user)
    messages.success(request, _("Saved."))


def weight_warnings(round_, panels) -> list[str]:
    """Weights multiply and are never normalised: say so where a round's segment weights or
    its panel weights do not add up to 1 (1 + 0.3 scales every score by 1.3)."""
    found = []
    parts = ((_("segment weights"), list(round_.segments.all())), (_("panel weights"), panels))
    for what, items in parts:
        total = sum((item.weight for item in items), Decimal(0))
        if items and total != 1:
            found.append(
                _("The %(what)s add up to %(total)s, not 1: every score of this round is "
                  "multiplied by %(total)s.") % {"what": what, "total": plain(total)}
            )  # fmt: skip
    return found


@event_view(Can.MANAGE)
def event_structure(request, event):
    """The contest's shape; each form on the page changes one part of it."""
    if request.method == "POST":
        with refusals_as_messages(request):
            _apply(request, event)
        return redirect("event-structure", event_pk=event.pk)
    judges = list(Judge.objects.filter(event=event))
    rounds = []
    for round_ in Round.objects.filter(event=event).prefetch_related("segments__criteria"):
        panels = [(p, set(panel_members(p))) for p in Panel.objects.filter(round=round_)]
        rounds.append((round_, panels, weight_warnings(round_, [p for p, _m in panels])))
    return render(
        request,
        "review/control/structure.html",
        {
            "event": event,
            "tie_breaks": TieBreakRule.objects.filter(event=event).select_related(
                "criterion", "segment__round"
            ),
            "tie_kinds": TieBreakRule.Kind.choices,
            "criteria": Criterion.objects.filter(event=event).select_related("segment__round"),
            "segments": Segment.objects.filter(round__event=event).select_related("round"),
            "rounds": rounds,
            "judges": judges,
            "aggregations": Panel.Aggregation.choices,
            "fallbacks": Panel.Fallback.choices,
        },
    )
