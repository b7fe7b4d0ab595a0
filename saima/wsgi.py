import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saima.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    """Load at worker start what Django would otherwise load on a worker's first request —
    every view module, the Chinese catalogue, the judges' templates — so the first phone to
    reach each worker is not the one that waits for it."""
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 — imports every view module
    with translation.override("zh-hans"):
        translation.gettext("Saima")
    for name in (
        "review/judge/sheet.html",
        "review/judge/confirm.html",
        "review/judge/waiting.html",
        "review/judge/running_order.html",
        "review/judge/sheet_readonly.html",
    ):
        get_template(name)


_warm_up()
