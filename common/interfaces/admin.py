"""The Django admin's part in every app: it shows rows, and changes nothing the domain owns."""

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from common.interfaces.params import id_params


class DomainOwned:
    """Read-only in the admin: every change of these rows goes through the domain (set-up, roster,
    sheets, roles and the show's steps on the site), which checks the step, the event's lock and
    who may, and audits it. The admin shows them and offers only the audited status actions."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(DomainOwned, admin.TabularInline):
    extra = 0


class DomainAdmin(DomainOwned, admin.ModelAdmin):
    def response_action(self, request, queryset):
        """Only ids (``_selected_action=²`` is none) reach the action's query."""
        posted = request.POST.copy()
        chosen = id_params(posted.getlist(ACTION_CHECKBOX_NAME))
        posted.setlist(ACTION_CHECKBOX_NAME, [str(pk) for pk in sorted(chosen)])
        request.POST = posted
        return super().response_action(request, queryset)
