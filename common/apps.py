from django.apps import AppConfig


class CommonConfig(AppConfig):
    """What every feature app shares: the scoring core, refusals, workbook and upload helpers,
    request parameters and the versioned cache."""

    name = "common"
    default_auto_field = "django.db.models.BigAutoField"
