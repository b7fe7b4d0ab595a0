from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = _("Performance-review contests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from common.domain import event_results
        from review import signals
        from review.queries.outcome import event_outcome, events_with_results

        signals.connect()
        event_results.provide(event_outcome, events_with_results)
