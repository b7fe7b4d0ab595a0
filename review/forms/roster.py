"""The forms of the roster page."""

from django import forms
from django.utils.translation import gettext_lazy


class RosterUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Roster workbook (.xlsx)"), allow_empty_file=True)
