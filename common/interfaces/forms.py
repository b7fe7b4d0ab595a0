"""What every app's forms share."""

from django.core.exceptions import NON_FIELD_ERRORS


def form_problems(form) -> str:
    """A bound form's errors as one line: “field: problem；…” (problems of the whole form bare)."""
    lines = []
    for name, problems in form.errors.items():
        text = " ".join(problems)
        lines.append(text if name == NON_FIELD_ERRORS else f"{form.fields[name].label}: {text}")
    return "；".join(lines)
