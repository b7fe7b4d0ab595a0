"""The forms of the setup pages."""

from django import forms
from django.utils.translation import gettext_lazy

from review.domain.presets import PRESETS
from review.models import Criterion, Event, Panel, Round, Segment, TieBreakRule


class NewEventForm(forms.ModelForm):
    preset = forms.ChoiceField(
        label=gettext_lazy("Shape"),
        choices=[(key, preset.label) for key, preset in PRESETS.items()],
        widget=forms.RadioSelect,
        initial="single",
        help_text=gettext_lazy("Everything can be changed on the next page."),
    )

    class Meta:
        model = Event
        fields = ("name", "date", "venue", "organiser_unit")
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = ("name", "weight", "precision")


class SegmentForm(forms.ModelForm):
    class Meta:
        model = Segment
        fields = ("name", "weight", "time_limit_seconds")


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ("name", "max_score", "step", "weight")


class TieBreakForm(forms.ModelForm):
    prefix = "tb"  # its "kind" is not the page's "kind" of part

    class Meta:
        model = TieBreakRule
        fields = ("kind", "criterion", "segment")


class PanelForm(forms.ModelForm):
    class Meta:
        model = Panel
        fields = ("name", "weight", "aggregation", "trim", "fallback")
