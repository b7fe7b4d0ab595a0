from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = _("Performance-review contests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from review import signals

        signals.connect()
