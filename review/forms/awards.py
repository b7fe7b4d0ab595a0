"""The forms of the awards page."""

from django import forms

from review.models import AwardTier, Criterion, Segment, SpecialAward


class TierForm(forms.ModelForm):
    class Meta:
        model = AwardTier
        fields = ("name", "quota", "count", "percent", "quota_rounding", "threshold", "tie_policy")


class SpecialForm(forms.ModelForm):
    class Meta:
        model = SpecialAward
        fields = ("name", "source", "segment", "criterion", "exclude_tier_winners")

    def __init__(self, *args, round_=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = Segment.objects.filter(round=round_)
        self.fields["criterion"].queryset = Criterion.objects.filter(segment__round=round_)
