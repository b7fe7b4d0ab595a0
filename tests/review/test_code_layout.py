"""Rules of docs/architecture.md that the import contracts cannot state: forms live in
``review.forms``, never in a view module."""

import importlib
import inspect
import pkgutil

from django import forms

import review.views


def test_no_view_module_defines_a_form():
    defined_in_views = []
    for info in pkgutil.iter_modules(review.views.__path__):
        module = importlib.import_module(f"review.views.{info.name}")
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                defined_in_views.append(f"{module.__name__}.{name}")
    assert defined_in_views == []
