from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    """交叉检查: a season's units inspect each other by a verifiable draw (``common.draw``)."""

    name = "inspection"
    verbose_name = _("cross-inspections")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from common.interfaces.links import add_period_link, add_season_link

        add_period_link(_("Cross-inspection draw"), "inspection-draw")
        add_season_link(_("Problems found at our units"), "inspection-found")
        from common.exports.components import provide
        from inspection.exports.season_sheet import cross_inspection_sheets

        provide(cross_inspection_sheets)
