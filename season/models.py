"""The assessment season (考核年度): its periods, the subjects it ranks, its scorecard of
dimensions and indicators, the values entered per period, its people and its log. Thin: what
an indicator's parameters mean and whether they can work is ``season.domain.rules`` (over
``common.scoring.indicators``); every change of state is a function of ``season.domain``."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditRecord, Contestant, ScopedRole, Unit
from common.scoring import awards
from common.scoring.indicators import Cumulation
from common.scoring.tree import Rounding


class Season(models.Model):
    class Kind(models.TextChoices):
        UNITS = "units", _("units")
        PEOPLE = "people", _("people")
        HOUSEHOLDS = "households", _("households")

    class PeriodKind(models.TextChoices):
        MONTH = "month", _("months")
        QUARTER = "quarter", _("quarters")
        WEEK = "week", _("weeks")
        YEAR = "year", _("the whole year")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("subjects"), max_length=12, choices=Kind.choices)
    period_kind = models.CharField(
        _("periods"), max_length=8, choices=PeriodKind.choices, default=PeriodKind.MONTH
    )
    precision = models.PositiveSmallIntegerField(
        _("display precision"), default=2, validators=[MaxValueValidator(4)]
    )
    rounding = models.CharField(
        _("rounding"),
        max_length=12,
        choices=[(r.value, r.value) for r in Rounding],
        default=Rounding.ONCE.value,
    )
    cumulation = models.CharField(
        _("cumulative standing"),
        max_length=10,
        choices=[(c.value, c.value) for c in Cumulation],
        default=Cumulation.MEAN.value,
    )
    #: 红黑榜: the top and bottom N of a period (a tie at the edge on the board whole), or, when
    #: set, everyone at ``red_at`` or above / ``black_at`` or below
    board_top = models.PositiveSmallIntegerField(_("red board: top N"), default=3)
    board_bottom = models.PositiveSmallIntegerField(_("black board: bottom N"), default=3)
    red_at = models.DecimalField(_("red board: at or above"), max_digits=8, decimal_places=3,
                                 null=True, blank=True)  # fmt: skip
    black_at = models.DecimalField(_("black board: at or below"), max_digits=8,
                                   decimal_places=3, null=True, blank=True)  # fmt: skip
    #: its values were made by the demo generator (演示数据 on every page and sheet)
    is_generated = models.BooleanField(_("generated demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "code"]
        verbose_name = _("season")
        verbose_name_plural = _("seasons")

    def __str__(self):
        return self.name


class Period(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open for values")
        PUBLISHED = "published", _("published")

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="periods")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=40)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=3, default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    #: at publication: the scorecard (weights, rules) and the standing as published
    frozen = models.JSONField(_("as published"), null=True, blank=True)

    class Meta:
        ordering = ["season_id", "order"]
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        constraints = [
            models.UniqueConstraint(fields=["season", "order"], name="period_order_once"),
        ]

    def __str__(self):
        return f"{self.season} · {self.name}"


class Household(models.Model):
    """A household a village checks (seed 002's stamps): not a unit or person of the events."""

    name = models.CharField(_("household (head's name)"), max_length=100)
    place = models.CharField(_("village / group"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(fields=["name", "place"], name="household_once"),
        ]

    def __str__(self):
        return f"{self.name}（{self.place}）" if self.place else self.name


class SubjectQuerySet(models.QuerySet):
    def named(self):
        """With what a subject's name is read from, in the same query."""
        return self.select_related("unit", "person", "household")


class Subject(models.Model):
    """A unit, a person or a household the season ranks: the same ``Unit`` / ``Contestant`` rows
    the events use, or a ``Household``. Which one is set follows the season's kind."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="subjects")
    order = models.PositiveIntegerField(_("order"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("unit"))  # fmt: skip
    person = models.ForeignKey(Contestant, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("person"))  # fmt: skip
    household = models.ForeignKey(Household, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("household"))  # fmt: skip
    #: the account that sees this subject's own scorecard (the unit's contact, the person)
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="season_subjects")  # fmt: skip

    objects = SubjectQuerySet.as_manager()

    class Meta:
        ordering = ["season_id", "order"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(unit__isnull=False, person__isnull=True, household__isnull=True)
                    | models.Q(unit__isnull=True, person__isnull=False, household__isnull=True)
                    | models.Q(unit__isnull=True, person__isnull=True, household__isnull=False)
                ),
                name="subject_is_one_unit_person_or_household",
            ),
            models.UniqueConstraint(fields=["season", "unit"], name="subject_unit_once"),
            models.UniqueConstraint(fields=["season", "person"], name="subject_person_once"),
            models.UniqueConstraint(fields=["season", "household"], name="subject_household_once"),
            models.UniqueConstraint(fields=["season", "order"], name="subject_order_once"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        if self.unit_id:
            return self.unit.name
        return self.person.name if self.person_id else str(self.household)


class Dimension(models.Model):
    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="dimensions")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=60)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=3, default=1)

    class Meta:
        ordering = ["season_id", "order"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [
            models.UniqueConstraint(fields=["season", "order"], name="dimension_order_once"),
            models.UniqueConstraint(fields=["season", "name"], name="dimension_name_once"),
        ]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    class Rule(models.TextChoices):
        LINEAR = "linear", _("linear between a floor and a target")
        BANDS = "bands", _("bands of values")
        COUNT = "count", _("count above a base")
        RANK = "rank", _("points by rank")
        MANUAL = "manual", _("manual score")
        EVENT = "event", _("a 赛马会 event's result")

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="indicators")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=80)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=3, default=1)
    rule = models.CharField(_("rule"), max_length=8, choices=Rule.choices)
    #: the rule's parameters, as ``season.domain.rules`` reads them (decimals as strings)
    params = models.JSONField(_("parameters"), default=dict)
    unit_label = models.CharField(_("unit of the value"), max_length=20, blank=True)

    class Meta:
        ordering = ["season_id", "dimension__order", "order"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["season", "name"], name="indicator_name_once"),
        ]

    def __str__(self):
        return self.name


class Value(models.Model):
    """One subject's value of one indicator in one period. No row: no value (never 0)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="values")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    note = models.CharField(_("reason"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "subject", "indicator"], name="value_once_per_period"
            ),
        ]

    def __str__(self):
        return f"{self.subject_id} · {self.indicator_id} · {self.value}"


class Grade(models.Model):
    """A year-end 等次 (优秀, 称职, …) over the cumulative standing, best first: an award tier
    (``common.scoring.awards``) with its quota, tie policy, and an optional 绩效系数."""

    class Quota(models.TextChoices):
        PERCENT = awards.Quota.PERCENT, _("a share of the field")
        COUNT = awards.Quota.COUNT, _("a number of places")
        THRESHOLD = awards.Quota.THRESHOLD, _("everyone left at or above a score")
        REST = awards.Quota.REST, _("everyone left")

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="grades")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=20)
    quota = models.CharField(_("quota"), max_length=10, choices=Quota.choices)
    percent = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2, null=True,
                                  blank=True)  # fmt: skip
    count = models.PositiveIntegerField(_("places"), null=True, blank=True)
    rounding = models.CharField(
        _("share rounded"), max_length=8, default=awards.QuotaRounding.DOWN,
        choices=[(awards.QuotaRounding.DOWN, _("down (at most the share)")),
                 (awards.QuotaRounding.HALF_UP, _("half up"))],
    )  # fmt: skip
    threshold = models.DecimalField(_("at or above"), max_digits=8, decimal_places=3, null=True,
                                    blank=True)  # fmt: skip
    policy = models.CharField(
        _("a tie at the boundary"), max_length=12, default=awards.TiePolicy.PICK,
        choices=[(awards.TiePolicy.PICK, _("the organiser picks, with a reason")),
                 (awards.TiePolicy.ALL_HIGHER, _("everyone tied gets the grade"))],
    )  # fmt: skip
    #: 绩效系数 for the pay list; blank when the organiser sets none
    coefficient = models.DecimalField(_("performance coefficient"), max_digits=5,
                                      decimal_places=2, null=True, blank=True)  # fmt: skip

    class Meta:
        ordering = ["season_id", "order"]
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        constraints = [
            models.UniqueConstraint(fields=["season", "order"], name="grade_order_once"),
        ]

    def __str__(self):
        return self.name


class GradePick(models.Model):
    """The organiser's pick among subjects tied at a grade's boundary, with the reason."""

    grade = models.ForeignKey(Grade, on_delete=models.CASCADE, related_name="picks")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=200)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")  # fmt: skip
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("grade pick")
        verbose_name_plural = _("grade picks")
        constraints = [
            models.UniqueConstraint(fields=["grade", "subject"], name="grade_pick_once"),
        ]

    def __str__(self):
        return f"{self.grade} · {self.subject}"


class SeasonRole(ScopedRole):
    """A person's part in one season. What each role may do is ``common.domain.roles.CAN``."""

    OWNER = "season"

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="season_roles"
    )

    class Meta:
        ordering = ["season_id", "role", "user_id"]
        verbose_name = _("season role")
        verbose_name_plural = _("season roles")
        constraints = [
            models.UniqueConstraint(fields=["season", "user"], name="season_role_once_per_user"),
        ]


class SeasonEntry(AuditRecord):
    """One thing that happened in a season: who, when, what, and why."""

    class Kind(models.TextChoices):
        CREATED = "created", _("season created")
        VALUES = "values", _("values entered")
        CORRECTED = "corrected", _("value corrected")
        PUBLISHED = "published", _("period published")
        ROLE_GRANTED = "role_granted", _("role granted")
        ROLE_REMOVED = "role_removed", _("role removed")
        GRADES = "grades", _("grades set")
        SCORECARD = "scorecard", _("scorecard set")
        CONTACT = "contact", _("a subject's contact set")
        GRADE_PICK = "grade_pick", _("tie at a grade settled")

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="log")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+")  # fmt: skip
    kind = models.CharField(_("what"), max_length=16, choices=Kind.choices)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("season log entry")
        verbose_name_plural = _("season log")
