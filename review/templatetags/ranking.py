from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def ranking_cells(record: dict, spec) -> SafeString:
    """The ``<td>`` cells of one pre-formatted ranking record, every value escaped.

    Built here rather than by a template loop: per cell, the template engine costs about
    25 µs, which is a third of a second for a 1,000-report ranking."""
    return mark_safe(  # every value and class is escaped below
        "".join(
            f'<td class="{conditional_escape(css_class)}">{conditional_escape(record[name])}</td>'
            if css_class
            else f"<td>{conditional_escape(record[name])}</td>"
            for name, css_class in spec
        )
    )
