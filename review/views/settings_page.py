"""An event's settings, for its organisers (no Django admin needed)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.interfaces.refusals import refusals_as_messages
from review.domain.event_settings import update_settings
from review.domain.roles import Can
from review.forms.settings import EventSettingsForm, PanelRuleForm
from review.models import Event, Panel
from review.queries.structure import current_round
from review.views.access import event_view


def single_panel(event) -> Panel | None:
    """The one panel of the round being contested, if it has one (several: the round's page)."""
    panels = list(Panel.objects.filter(round=current_round(event))[:2])
    return panels[0] if len(panels) == 1 else None


@event_view(Can.MANAGE)
def event_settings(request, event):
    form = EventSettingsForm(request.POST or None, instance=Event.objects.get(pk=event.pk))
    panel = single_panel(event)
    panel_form = PanelRuleForm(request.POST or None, instance=panel) if panel else None
    status = 200
    if request.method == "POST":
        if form.is_valid() and (panel_form is None or panel_form.is_valid()):
            values = {**form.cleaned_data, **(panel_form.cleaned_data if panel_form else {})}
            with refusals_as_messages(request):
                if update_settings(event, values, request.user, panel):
                    messages.success(request, _("The settings are saved."))
                else:
                    messages.info(request, _("Nothing changed."))
            return redirect("event-settings", event_pk=event.pk)
        status = 400
    return render(
        request,
        "review/control/settings.html",
        {"event": event, "form": form, "panel_form": panel_form},
        status=status,
    )
