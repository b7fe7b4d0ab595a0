"""A season's people: its organisers name who organises, enters data (operator) and views it,
and which account is each subject's contact (who sees that subject's own scorecard)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.domain import roles
from common.domain.roles import Can
from common.interfaces.forms import NewPersonForm, RoleForm, active_user
from common.interfaces.params import id_param
from common.interfaces.refusals import refusals_as_messages
from common.models import Role
from season.domain.contacts import set_contact
from season.domain.roles import SEASON
from season.models import SeasonRole, Subject
from season.views.access import season_view


@season_view(Can.MANAGE)
def people(request, season):
    """POST ``username`` + ``role`` grants, ``remove`` removes, ``new_username`` + … makes an
    account, ``subject`` + ``contact`` (a user name, blank: none) sets a subject's contact."""
    post = request.POST
    form = RoleForm(post if "username" in post else None)
    new = NewPersonForm(post if "new_username" in post else None)
    status = 200
    if request.method == "POST":
        with refusals_as_messages(request):
            if "subject" in post:
                subject = Subject.objects.filter(season=season,
                                                 pk=id_param(post["subject"])).first()  # fmt: skip
                name = str(post.get("contact", "")).strip()[:150]
                try:
                    user = active_user(name) if name else None
                except forms.ValidationError as invalid:
                    messages.warning(request, " ".join(invalid.messages))
                    return redirect("season-people", season.pk)
                if subject is not None:
                    set_contact(subject, user, request.user)
                    messages.success(request, _("Contact saved."))
                return redirect("season-people", season.pk)
            if "new_username" in post:
                if new.is_valid():
                    data = new.cleaned_data
                    roles.create_account(
                        SEASON, season, data["new_username"], data["full_name"],
                        data["password"], data["new_role"], request.user,
                    )  # fmt: skip
                    messages.success(request, _("The account is made."))
                    return redirect("season-people", season.pk)
                status = 400
            elif "remove" in post:
                user = get_user_model().objects.filter(pk=id_param(post["remove"])).first()
                if user is not None and roles.remove(SEASON, season, user, request.user):
                    messages.success(request, _("%(u)s has no role any more.") % {"u": user})
                return redirect("season-people", season.pk)
            elif form.is_valid():
                roles.grant(SEASON, season, form.cleaned_data["username"],
                            form.cleaned_data["role"], request.user)  # fmt: skip
                messages.success(request, _("%(u)s is now %(role)s of this season.") % {
                    "u": form.cleaned_data["username"],
                    "role": Role(form.cleaned_data["role"]).label})  # fmt: skip
                return redirect("season-people", season.pk)
            else:
                status = 400
    return render(request, "season/people.html", {
        "season": season, "form": form, "new": new,
        "roles": SeasonRole.objects.filter(season=season).select_related("user"),
        "subjects": Subject.objects.filter(season=season).named().select_related("contact"),
    }, status=status)  # fmt: skip
