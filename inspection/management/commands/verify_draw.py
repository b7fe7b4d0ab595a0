"""``manage.py verify_draw <season> <period>``: re-runs a period's draw from its published seed
and inputs and says whether it matches (exit status 1 when it does not)."""

from django.core.management.base import BaseCommand, CommandError

from inspection.domain.draws import verify
from inspection.models import Draw
from season.models import Period, Season


def _season(text: str) -> Season:
    season = Season.objects.filter(code=text).first()
    if season is None and text.isdigit():
        season = Season.objects.filter(pk=int(text)).first()
    if season is None:
        raise CommandError(f"No season with the code or id {text!r}.")
    return season


def _period(season: Season, text: str) -> Period:
    periods = Period.objects.filter(season=season)
    period = periods.filter(name=text).first()
    if period is None and text.isdigit():
        period = periods.filter(pk=int(text)).first()
    if period is None:
        names = ", ".join(periods.values_list("name", flat=True)[:24])
        raise CommandError(f"{season.code} has no period {text!r} (its periods: {names}).")
    return period


class Command(BaseCommand):
    help = "Re-run a period's draw from its published seed and inputs; say whether it matches."

    def add_arguments(self, parser):
        parser.add_argument("season", help="the season's code (or id)")
        parser.add_argument("period", help="the period's name, e.g. 3月 (or id)")

    def handle(self, season, period, **options):
        found = _season(season)
        when = _period(found, period)
        draws = list(Draw.objects.filter(period=when).order_by("committed_at", "pk"))
        if not draws:
            raise CommandError(f"{found.code} {when.name}: no draw has been committed.")
        failed = False
        for draw in draws:
            label = f"{found.code} {when.name} draw {draw.pk} ({draw.state}, {draw.algorithm})"
            if draw.state == Draw.State.COMMITTED:
                self.stdout.write(f"{label}: committed to {draw.commitment}, not drawn yet")
                continue
            problems = verify(draw)
            if problems:
                failed = True
                self.stdout.write(f"{label}: DOES NOT MATCH — " + "; ".join(problems))
            else:
                self.stdout.write(
                    f"{label}: matches — SHA-256(seed) = {draw.commitment}; "
                    f"{draw.pairs.count()} pairs re-drawn identically"
                )
        if failed:
            raise CommandError("A draw does not match what its seed and inputs give.")
