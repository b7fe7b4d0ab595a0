"""An event's settings, for its organisers (no Django admin needed)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from review.domain.event_settings import FIELDS, SettingsRefused, update_settings
from review.domain.roles import Can
from review.models import Event
from review.views.access import event_view


class EventSettingsForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = FIELDS
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


@event_view(Can.MANAGE)
def event_settings(request, event):
    form = EventSettingsForm(request.POST or None, instance=Event.objects.get(pk=event.pk))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = update_settings(event, form.cleaned_data, request.user)
            except SettingsRefused as refused:
                messages.warning(request, _("Not done: %(message)s") % {"message": refused.message})
            else:
                if changed:
                    messages.success(request, _("The settings are saved."))
                else:
                    messages.info(request, _("Nothing changed."))
                return redirect("event-settings", event_pk=event.pk)
        status = 400
    return render(
        request, "review/control/settings.html", {"event": event, "form": form}, status=status
    )
