"""Logging in by a scanned code (a judge's seat, an inspector's): the one way it is done."""

from django.contrib.auth import login, logout
from django.shortcuts import render


def log_in_by_code(request, user, ask_template: str, context: dict):
    """Logs ``user`` in and answers None; someone else logged in on this browser is asked
    first — ``ask_template`` is the page that asks, and its POST switches."""
    other = request.user.is_authenticated and request.user.pk != user.pk
    if other and request.method != "POST":
        return render(request, ask_template, context)
    if other:
        logout(request)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return None
