from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StampsConfig(AppConfig):
    """积分: weekly red / black / 空 stamps per household and the month's reward tier."""

    name = "stamps"
    verbose_name = _("stamps")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from common.interfaces.links import add_period_link

        add_period_link(_("Stamps (积分)"), "stamps-checker")
        add_period_link(_("Stamp rewards of the month"), "stamps-rewards")
        from common.exports.components import provide
        from stamps.exports.season_sheet import stamp_sheets

        provide(stamp_sheets)
