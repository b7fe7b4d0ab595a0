from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """What every feature app shares: the scoring core, refusals, workbook and upload helpers,
    request parameters and the versioned cache."""

    name = "common"
    verbose_name = _("Units and people")
    default_auto_field = "django.db.models.BigAutoField"
