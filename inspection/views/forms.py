"""The draw's form: how many inspectors each unit gets and the constraints, typed."""

from django import forms
from django.utils.translation import gettext_lazy

from inspection.domain.draws import MAX_PER_INSPECTED, MAX_REASON, MAX_RECENT


class DrawForm(forms.Form):
    per_inspected = forms.IntegerField(
        label=gettext_lazy("Inspectors per inspected unit"),
        min_value=1, max_value=MAX_PER_INSPECTED, initial=2,
    )  # fmt: skip
    avoid_recent = forms.IntegerField(
        label=gettext_lazy("Do not repeat the pairs of this many earlier periods"),
        min_value=0, max_value=MAX_RECENT, initial=1,
    )  # fmt: skip
    allow_reciprocal = forms.BooleanField(
        label=gettext_lazy("Allow A to inspect B while B inspects A"), required=False
    )
    conflicts = forms.CharField(
        label=gettext_lazy("Declared conflicts, one pair a line (单位甲 / 单位乙)"),
        widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=100_000,
    )  # fmt: skip
    districts = forms.CharField(
        label=gettext_lazy("Districts, one unit a line (单位：区域): units of one district never "
                           "inspect each other"),
        widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=100_000,
    )  # fmt: skip


class RedrawForm(DrawForm):
    reason = forms.CharField(label=gettext_lazy("Reason for the re-draw (published)"),
                             max_length=MAX_REASON)  # fmt: skip
