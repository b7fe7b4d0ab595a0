"""The season's forms."""

from django import forms
from django.utils.translation import gettext_lazy


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("The period's values (.xlsx)"),
                           allow_empty_file=True)  # fmt: skip
    reason = forms.CharField(
        label=gettext_lazy("Reason (a published period: the correction's reason)"),
        max_length=200, required=False,
    )  # fmt: skip
