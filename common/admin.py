from django.contrib import admin

from common.interfaces.admin import DomainAdmin
from common.models import Contestant, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Contestant)
class ContestantAdmin(DomainAdmin):
    list_display = ("name", "post", "unit")
    search_fields = ("name", "post", "unit__name")
    list_filter = ("unit",)
    autocomplete_fields = ("unit",)
