"""The event's people: its organisers name who organises, operates and views it."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from review.domain.errors import Refused
from review.domain.roles import Can, grant, remove
from review.models import EventRole
from review.params import id_param
from review.views.access import event_view


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


@event_view(Can.MANAGE)
def people(request, event):
    """GET the list; POST ``username`` + ``role`` grants, ``remove`` = a user id removes."""
    form = RoleForm(request.POST if "username" in request.POST else None)
    status = 200
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                user = get_user_model().objects.filter(pk=id_param(request.POST["remove"])).first()
                if user is not None and remove(event, user, request.user):
                    messages.success(request, _("%(u)s has no role any more.") % {"u": user})
                return redirect("event-people", event_pk=event.pk)
            if form.is_valid():
                user, role = form.cleaned_data["username"], form.cleaned_data["role"]
                grant(event, user, role, request.user)
                messages.success(
                    request,
                    _("%(u)s is now %(role)s of this event.")
                    % {"u": user, "role": EventRole.Role(role).label},
                )
                return redirect("event-people", event_pk=event.pk)
            status = 400
        except Refused as refused:
            messages.warning(request, refused.message)
            return redirect("event-people", event_pk=event.pk)
    roles = EventRole.objects.filter(event=event).select_related("user")
    return render(
        request,
        "review/control/people.html",
        {"event": event, "roles": roles, "form": form},
        status=status,
    )
