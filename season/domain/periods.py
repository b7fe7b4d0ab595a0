"""Publishing a period: its scorecard and its standing are frozen as they are, so a later
correction shows beside the published standing instead of rewriting it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.domain.refusals import Refused
from season.domain.audit import record
from season.domain.standing import current_scheme, period_standing
from season.models import Period, SeasonEntry


class PeriodRefused(Refused):
    pass


@transaction.atomic
def publish(period: Period, actor) -> Period:
    period = Period.objects.select_for_update().select_related("season").get(pk=period.pk)
    if period.status == Period.Status.PUBLISHED:
        raise PeriodRefused(_("%(period)s is already published.") % {"period": period.name})
    scheme = current_scheme(period.season)
    standing = period_standing(period)
    period.frozen = {
        "scheme": scheme.as_json(),
        "standing": [
            [line.subject.pk, None if line.shown is None else str(line.shown), line.rank]
            for line in standing
        ],
    }
    period.status, period.published_at = Period.Status.PUBLISHED, timezone.now()
    period.save(update_fields=["frozen", "status", "published_at"])
    record(period.season, actor, SeasonEntry.Kind.PUBLISHED, period=period)
    return period
