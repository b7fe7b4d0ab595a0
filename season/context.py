"""The start page's list of seasons, read only when a template shows it."""

from django.utils.functional import SimpleLazyObject

from season.queries.overview import my_seasons


def seasons(request):
    return {"my_seasons": SimpleLazyObject(lambda: my_seasons(request.user))}
