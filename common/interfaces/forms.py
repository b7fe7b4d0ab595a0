"""What every app's forms share: problems as one line, and an owner's people (a role for an
existing account, or a new account with its role)."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.models import Role


def form_problems(form) -> str:
    """A bound form's errors as one line: “field: problem；…” (problems of the whole form bare)."""
    lines = []
    for name, problems in form.errors.items():
        text = " ".join(problems)
        lines.append(text if name == NON_FIELD_ERRORS else f"{form.fields[name].label}: {text}")
    return "；".join(lines)


def active_user(name: str):
    """The active account named ``name``, or a ``ValidationError`` saying there is none."""
    name = name.strip()
    user = get_user_model().objects.filter(username=name, is_active=True).first()
    if user is None:
        raise forms.ValidationError(_("There is no active user named “%(name)s”.") % {"name": name})
    return user


class RoleForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)

    def clean_username(self):
        return active_user(self.cleaned_data["username"])


class NewPersonForm(forms.Form):
    new_username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    full_name = forms.CharField(label=gettext_lazy("Name"), max_length=150, required=False)
    password = forms.CharField(
        label=gettext_lazy("Password to hand over"),
        max_length=128,
        help_text=gettext_lazy("At least 8 characters; they can change it after logging in."),
    )
    new_role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
