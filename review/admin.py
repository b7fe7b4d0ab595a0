from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.interfaces.admin import DomainAdmin, ReadOnlyInline
from review.domain import show
from review.models import (
    Appearance,
    AuditEntry,
    Criterion,
    Event,
    EventRole,
    Judge,
    Recusal,
    Score,
    ScoreSheet,
    TieBreakRule,
)


class CriterionInline(ReadOnlyInline):
    model = Criterion
    extra = 0
    fields = ("order", "name", "max_score", "step", "weight", "guidance")


class TieBreakInline(ReadOnlyInline):
    model = TieBreakRule
    extra = 0
    fields = ("order", "kind", "criterion")


class AppearanceInline(ReadOnlyInline):
    model = Appearance
    extra = 0
    fields = ("order", "contestant", "title")
    autocomplete_fields = ("contestant",)
    show_change_link = True


class JudgeInline(ReadOnlyInline):
    model = Judge
    extra = 0
    fields = ("seat", "display_name", "user", "unit")
    autocomplete_fields = ("user", "unit")


def set_status(status, label):
    """The same step as the control room's: checked, audited, caches refreshed."""

    def action(modeladmin, request, queryset):
        changed = 0
        for event in queryset:
            try:
                changed += show.set_event_status(event, status, request.user)
            except show.ShowRefused as refused:
                modeladmin.message_user(
                    request, f"{event.name}: {refused.message}", messages.WARNING
                )
        modeladmin.message_user(
            request,
            ngettext("%(n)d event is now %(s)s.", "%(n)d events are now %(s)s.", changed)
            % {"n": changed, "s": Event.Status(status).label},
            messages.SUCCESS,
        )

    action.short_description = label
    action.__name__ = f"set_{status}"
    return action


# Only superusers reach the admin: it shows every event, while staff work through their
# events' pages, where each event's roles apply.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser


class EventRoleInline(ReadOnlyInline):
    model = EventRole
    extra = 0
    fields = ("user", "role")
    autocomplete_fields = ("user",)


@admin.register(Event)
class EventAdmin(DomainAdmin):
    list_display = ("name", "date", "status", "precision")
    list_filter = ("status",)
    search_fields = ("name", "theme", "organiser_unit", "venue")
    inlines = [CriterionInline, TieBreakInline, AppearanceInline, JudgeInline, EventRoleInline]
    # The status changes only through the show's steps (the actions below), never by a bare edit.
    readonly_fields = ("status", "presenting")
    actions = [
        set_status(Event.Status.SCORING, _("Open scoring")),
        set_status(Event.Status.CLOSED, _("Close scoring")),
        set_status(Event.Status.PUBLISHED, _("Publish results")),
        set_status(Event.Status.DRAFT, _("Back to draft")),
    ]


@admin.register(Appearance)
class AppearanceAdmin(DomainAdmin):
    list_display = ("order", "contestant", "title", "event")
    list_display_links = ("title",)
    list_filter = ("event",)
    search_fields = ("title", "contestant__name", "contestant__unit__name")
    autocomplete_fields = ("contestant",)
    list_select_related = ("contestant__unit", "event")
    # The live phase changes only through the show's steps (control room), never by an edit.
    readonly_fields = ("phase", "opened_at", "closes_at", "revealed_at")


@admin.register(Criterion)
class CriterionAdmin(DomainAdmin):
    list_display = ("name", "event", "order", "max_score", "step", "weight")
    list_filter = ("event",)
    search_fields = ("name",)


@admin.register(Judge)
class JudgeAdmin(DomainAdmin):
    list_display = ("seat", "display_name", "user", "unit", "event", "signed_off_at")
    list_filter = ("event", "unit")
    search_fields = ("display_name", "user__username", "unit__name")
    autocomplete_fields = ("user", "unit")
    # Signing off and QR codes go through their own steps, each audited.
    readonly_fields = ("signed_off_at", "token_issued_at")


@admin.register(Recusal)
class RecusalAdmin(DomainAdmin):
    list_display = ("judge", "contestant", "reason")
    list_filter = ("judge__event",)
    search_fields = ("judge__display_name", "contestant__name", "reason")
    autocomplete_fields = ("contestant",)


class ScoreInline(ReadOnlyInline):
    """Scores change only on the judge's phone, or after the organiser reopens the sheet."""

    model = Score
    fields = ("criterion", "value")


@admin.register(ScoreSheet)
class ScoreSheetAdmin(DomainAdmin):
    list_display = ("appearance", "judge", "status", "submitted_at", "is_generated")
    list_filter = ("status", "is_generated", "appearance__event", "judge")
    search_fields = ("judge__display_name", "appearance__contestant__name", "appearance__title")
    list_select_related = ("judge", "appearance__contestant")
    inlines = [ScoreInline]
    readonly_fields = ("status", "submitted_at", "updated_at", "reopen_reason")


@admin.register(AuditEntry)
class AuditEntryAdmin(DomainAdmin):
    list_display = (
        "at",
        "kind",
        "actor",
        "appearance",
        "judge",
        "criterion",
        "old_value",
        "new_value",
        "reason",
    )
    list_filter = ("event", "kind")
    search_fields = ("reason", "judge__display_name", "appearance__contestant__name")


@admin.register(TieBreakRule)
class TieBreakRuleAdmin(DomainAdmin):
    list_display = ("event", "order", "kind", "criterion")
    list_filter = ("event",)
