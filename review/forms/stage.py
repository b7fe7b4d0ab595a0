"""The forms of the stage page."""

from django import forms

from review.models import AdjustmentRule, Segment


class RuleForm(forms.ModelForm):
    class Meta:
        model = AdjustmentRule
        fields = ("name", "kind", "sign", "segment", "points", "step", "base", "count_cap", "limit")

    def __init__(self, *args, round_=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = Segment.objects.filter(round=round_)
