"""Who may open what, for every app. Every view carries its rule as ``view.access_rule`` (one of
``RULES``), so the route × role test reads the rule of every route from the URLconf; an app
adds its own rules with ``add_rules`` and guards an owner's pages with ``owner_view``."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers

from common.domain.roles import Can, Scope, can

#: Every access rule a view may carry, and what it means.
RULES: dict[str, str] = {
    "public": "anyone, logged in or not",
    "staff": "staff accounts (who create events and seasons and become their organisers)",
    Can.VIEW: "the owner's viewers, operators and organisers",
    Can.RUN: "the owner's operators and organisers",
    Can.MANAGE: "the owner's organisers",
    "superuser": "superusers only",
}


def add_rules(**rules: str) -> None:
    """An app's own rules (a contest's judges, say), beside the shared ones."""
    RULES.update(rules)


def rule(name: str):
    """Mark a view with its access rule (the view itself enforces it)."""
    assert name in RULES, name

    def decorate(view):
        view.access_rule = name
        return view

    return decorate


def private(response):
    """Never stored by a browser or proxy: sheets, organisers' pages, workbooks."""
    add_never_cache_headers(response)
    return response


def refuse(request, message, status=403):
    """A page that says plainly why the request was refused."""
    return render(request, "common/refused.html", {"message": message}, status=status)


def owner_view(scope: Scope, model, refused: dict):
    """``owner_view(scope, Event, REFUSED)(Can.RUN)`` passes the owner of the URL's
    ``<owner>_pk`` to a view that needs the capability in that owner, or refuses with
    ``refused[capability] % {"<owner>": name}``."""
    kwarg = f"{scope.owner}_pk"

    def for_capability(capability: Can):
        def decorate(view):
            @wraps(view)
            @login_required
            def wrapper(request, *args, **kwargs):
                owner = get_object_or_404(model, pk=kwargs.pop(kwarg))
                if not can(request.user, scope, owner.pk, capability):
                    return refuse(request, refused[capability] % {scope.owner: owner.name})
                return private(view(request, owner, *args, **kwargs))

            wrapper.access_rule = capability
            return wrapper

        return decorate

    return for_capability
