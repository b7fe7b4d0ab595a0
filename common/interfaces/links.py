"""Links a feature app adds to another app's page without that page naming it: an app
registers ``add_period_link(label, route)`` at start-up (its ``AppConfig.ready``), and the
season's period page shows ``period_links`` (a context processor) — so the season's templates
name no route of the apps built on it."""

from django.urls import reverse

_PERIOD: list[tuple[object, str]] = []
_SEASON: list[tuple[object, str]] = []


def add_period_link(label, route: str) -> None:
    """``route`` takes ``season_pk`` and ``period_pk``."""
    if (label, route) not in _PERIOD:
        _PERIOD.append((label, route))


def add_season_link(label, route: str) -> None:
    """``route`` takes ``season_pk``: shown on the season's page (``season_links``)."""
    if (label, route) not in _SEASON:
        _SEASON.append((label, route))


def period_links(request):
    """A context processor: ``period_links`` on a period's page, ``season_links`` on a
    season's."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {}
    if match.url_name == "season-period":
        args = [match.kwargs["season_pk"], match.kwargs["period_pk"]]
        return {"period_links": [(str(label), reverse(route, args=args))
                                 for label, route in _PERIOD]}  # fmt: skip
    if match.url_name == "season":
        args = [match.kwargs["season_pk"]]
        return {"season_links": [(str(label), reverse(route, args=args))
                                 for label, route in _SEASON]}  # fmt: skip
    return {}
