"""The season in the Django admin: read-only, as everything the domain owns."""

from django.contrib import admin

from common.interfaces.admin import DomainAdmin, ReadOnlyInline
from season.models import Dimension, Indicator, Period, Season, SeasonEntry, SeasonRole


class PeriodInline(ReadOnlyInline):
    model = Period
    fields = ("order", "name", "weight", "status", "published_at")


class DimensionInline(ReadOnlyInline):
    model = Dimension
    fields = ("order", "name", "weight")


class RoleInline(ReadOnlyInline):
    model = SeasonRole
    fields = ("user", "role")


@admin.register(Season)
class SeasonAdmin(DomainAdmin):
    list_display = ("name", "code", "kind", "period_kind", "is_generated")
    search_fields = ("name", "code")
    inlines = [PeriodInline, DimensionInline, RoleInline]


@admin.register(Indicator)
class IndicatorAdmin(DomainAdmin):
    list_display = ("name", "dimension", "weight", "rule", "season")
    list_filter = ("season",)


@admin.register(SeasonEntry)
class SeasonEntryAdmin(DomainAdmin):
    list_display = ("at", "season", "kind", "actor", "reason")
    list_filter = ("season", "kind")
