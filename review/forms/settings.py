"""The forms of the settings page page."""

from django import forms

from review.domain.event_settings import FIELDS, PANEL_FIELDS
from review.models import Event, Panel


class EventSettingsForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = FIELDS
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class PanelRuleForm(forms.ModelForm):
    class Meta:
        model = Panel
        fields = PANEL_FIELDS
