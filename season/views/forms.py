"""The season's forms."""

from django import forms
from django.utils.translation import gettext_lazy

from season.models import Season


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("The period's values (.xlsx)"),
                           allow_empty_file=True)  # fmt: skip
    reason = forms.CharField(
        label=gettext_lazy("Reason (a published period: the correction's reason)"),
        max_length=200, required=False,
    )  # fmt: skip


class NewSeasonForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    code = forms.SlugField(label=gettext_lazy("Code (letters, digits, hyphens)"), max_length=60)
    kind = forms.ChoiceField(label=gettext_lazy("It ranks"), choices=Season.Kind.choices)
    period_kind = forms.ChoiceField(label=gettext_lazy("Periods"),
                                    choices=Season.PeriodKind.choices)  # fmt: skip
    preset = forms.ChoiceField(label=gettext_lazy("Scorecard to start from"), choices=[
        ("five_dimensions", gettext_lazy("five dimensions (seed 004's service centre)")),
        ("units_with_a_night", gettext_lazy("a 赛马会 night beside the routine assessment")),
        ("cross_inspection", gettext_lazy("cross-inspections beside the routine assessment "
                                          "(seed 002's count rule)")),
        ("village_stamps", gettext_lazy("a village's households by their monthly stamp rewards "
                                        "(seed 002's 积分)")),
    ])  # fmt: skip
    cumulation = forms.ChoiceField(label=gettext_lazy("Cumulative standing"), choices=[
        ("mean", gettext_lazy("the mean of the periods")),
        ("sum", gettext_lazy("the sum of the periods")),
        ("weighted", gettext_lazy("the periods weighted")),
    ])  # fmt: skip
    subjects = forms.CharField(
        label=gettext_lazy("Subjects, one a line (people: name, unit; households: head, village)"),
        widget=forms.Textarea(attrs={"rows": 8}), max_length=100_000,
    )  # fmt: skip
