"""How judges are named wherever results are shown: by seat (评委3), and on the big screen by
name only when the event says so."""

from django.utils.translation import gettext as _


def seat_label(judge) -> str:
    return _("Judge %(seat)s") % {"seat": judge.seat}


def judge_label(event, judge) -> str:
    """The big screen's label: the judge's name if the event names judges, else the seat."""
    return judge.display_name if event.judges_named_on_screen else seat_label(judge)
