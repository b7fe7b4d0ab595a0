"""The judge's scoring form: one field per criterion, validated by ``scoring.parse_score``."""

from decimal import Decimal

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from common import scoring
from common.scoring.display import plain
from review.models import Criterion

SCORE_MESSAGES = {
    "empty": _("Please give a score for “%(criterion)s”."),
    "not_number": _("“%(criterion)s”: “%(value)s” is not a number."),
    "negative": _("“%(criterion)s” cannot be negative."),
    "too_many_decimals": _("“%(criterion)s” allows at most %(places)s decimal place(s)."),
    "whole_number": _("“%(criterion)s” must be a whole number."),
    "over_max": _("“%(criterion)s” cannot be more than the maximum of %(max)s."),
    "off_step": _("“%(criterion)s” must be a multiple of %(step)s."),
}


def field_name(criterion: Criterion) -> str:
    return f"c{criterion.pk}"


class ScoreInput(forms.TextInput):
    """A text input written straight to HTML: Django's template-rendered widget costs half a
    millisecond per field on every scoring form a phone loads. Same attributes, same escaping."""

    def render(self, name, value, attrs=None, renderer=None):
        final = {"type": self.input_type, "name": name, **self.build_attrs(self.attrs, attrs)}
        shown = self.format_value(value)
        if shown is not None:
            final["value"] = shown
        # As django.forms.utils.flatatt: True → the bare name, False or None → left out.
        parts = [
            f" {conditional_escape(key)}"
            if value is True
            else f' {conditional_escape(key)}="{conditional_escape(value)}"'
            for key, value in final.items()
            if value is not False and value is not None
        ]
        return mark_safe(f"<input{''.join(parts)}>")  # every value escaped just above


class ScoreSheetForm(forms.Form):
    """``require_all`` is off for drafts, which may leave criteria empty."""

    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, criteria, require_all: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.require_all = require_all
        fields = {}
        for c in self.criteria:
            fields[field_name(c)] = forms.CharField(
                label=c.name,
                required=False,
                help_text=c.guidance,
                widget=ScoreInput(
                    attrs={
                        "inputmode": "decimal",
                        "autocomplete": "off",
                        "data-max": plain(c.max_score),
                        "data-step": plain(c.step),
                        "data-weight": plain(c.weight),
                        "placeholder": f"0–{plain(c.max_score)}",
                    }
                ),
            )
        # Criteria first, the comment last.
        fields["comment"] = self.fields.pop("comment")
        self.fields = fields

    def _clean_score(self, criterion: Criterion, raw: str) -> Decimal | None:
        try:
            return scoring.parse_score(raw, criterion.max_score, criterion.step)
        except scoring.ScoreInputError as error:
            if error.code == "empty" and not self.require_all:
                return None
            code = error.code
            if code == "too_many_decimals" and error.params["places"] == 0:
                code = "whole_number"
            params = {"criterion": criterion.name, **error.params}
            for key in ("max", "step"):
                if key in params:
                    params[key] = plain(params[key])
            raise forms.ValidationError(SCORE_MESSAGES[code], code=code, params=params) from None

    def clean(self):
        cleaned = super().clean()
        for c in self.criteria:
            name = field_name(c)
            try:
                cleaned[name] = self._clean_score(c, self.data.get(self.add_prefix(name), ""))
            except forms.ValidationError as error:
                self.add_error(name, error)
        return cleaned

    def values(self) -> dict[int, Decimal | None]:
        return {c.pk: self.cleaned_data.get(field_name(c)) for c in self.criteria}

    def bound_criteria(self):
        """``(criterion, bound field)`` pairs for the template."""
        return [(c, self[field_name(c)]) for c in self.criteria]
