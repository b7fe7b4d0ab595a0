"""The event's people: its organisers name who organises, operates and views it."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.interfaces.params import id_param
from common.interfaces.refusals import refusals_as_messages
from review.domain.roles import Can, create_account, grant, remove
from review.forms.people import NewPersonForm, RoleForm
from review.models import EventRole
from review.views.access import event_view


def _create(request, event, data):
    user = create_account(
        event, data["new_username"], data["full_name"], data["password"], data["new_role"],
        request.user,
    )  # fmt: skip
    messages.success(
        request,
        _("The account %(u)s is made and is %(role)s of this event.")
        % {"u": user, "role": EventRole.Role(data["new_role"]).label},
    )
    return redirect("event-people", event_pk=event.pk)


@event_view(Can.MANAGE)
def people(request, event):
    """GET the list; POST ``username`` + ``role`` grants, ``remove`` = a user id removes,
    ``new_username`` + … creates an account with its role."""
    form = RoleForm(request.POST if "username" in request.POST else None)
    new = NewPersonForm(request.POST if "new_username" in request.POST else None)
    status = 200
    if request.method == "POST":
        with refusals_as_messages(request) as outcome:
            if "new_username" in request.POST:
                if new.is_valid():
                    return _create(request, event, new.cleaned_data)
                status = 400
            elif "remove" in request.POST:
                user = get_user_model().objects.filter(pk=id_param(request.POST["remove"])).first()
                if user is not None and remove(event, user, request.user):
                    messages.success(request, _("%(u)s has no role any more.") % {"u": user})
                return redirect("event-people", event_pk=event.pk)
            elif form.is_valid():
                user, role = form.cleaned_data["username"], form.cleaned_data["role"]
                grant(event, user, role, request.user)
                messages.success(
                    request,
                    _("%(u)s is now %(role)s of this event.")
                    % {"u": user, "role": EventRole.Role(role).label},
                )
                return redirect("event-people", event_pk=event.pk)
            else:
                status = 400
        if outcome.refused:
            return redirect("event-people", event_pk=event.pk)
    roles = EventRole.objects.filter(event=event).select_related("user")
    return render(
        request,
        "review/control/people.html",
        {"event": event, "roles": roles, "form": form, "new": new},
        status=status,
    )
