"""The forms of the people page."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from review.models import EventRole


class RoleForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=EventRole.Role.choices)

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("There is no active user named “%(name)s”.") % {"name": name}
            )
        return user


class NewPersonForm(forms.Form):
    new_username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    full_name = forms.CharField(label=gettext_lazy("Name"), max_length=150, required=False)
    password = forms.CharField(
        label=gettext_lazy("Password to hand over"),
        max_length=128,
        help_text=gettext_lazy("At least 8 characters; they can change it after logging in."),
    )
    new_role = forms.ChoiceField(label=gettext_lazy("Role"), choices=EventRole.Role.choices)
