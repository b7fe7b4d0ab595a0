"""The data of a 赛马会. Rules live in ``common.scoring`` and ``review.domain``, not here.

Natural keys (``NATURAL_KEY``) let fixtures and event dumps load again without duplicating rows:
an event by its code, a contestant by name and unit, a judge by event and user name.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from common import scoring
from common.models import AuditRecord, Contestant, NaturalKeyManager, ScopedRole, Unit
from common.scoring import tree


def new_event_code() -> str:
    return f"event-{secrets.token_hex(4)}"


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCORING = "scoring", _("scoring")
        CLOSED = "closed", _("closed")
        PUBLISHED = "published", _("published")

    class Final(models.TextChoices):
        LAST_ROUND = tree.FinalMode.LAST_ROUND, _("the last round alone")
        WEIGHTED_ROUNDS = tree.FinalMode.WEIGHTED_ROUNDS, _("weighted sum of the rounds")

    class Rounding(models.TextChoices):
        ONCE = tree.Rounding.ONCE, _("exact throughout, rounded once at the end")
        EACH_STAGE = tree.Rounding.EACH_STAGE, _("round each published stage first")

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(
        _("code"),
        max_length=50,
        unique=True,
        default=new_event_code,
        help_text=_("A short unique name used by imports and exports, e.g. ningbo-2022."),
    )
    theme = models.CharField(_("campaign / theme"), max_length=300, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    organiser_unit = models.CharField(_("organising unit"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    precision = models.PositiveSmallIntegerField(
        _("display precision (decimals)"), default=2, validators=[MaxValueValidator(4)]
    )
    live_show = models.BooleanField(
        _("live show"),
        default=False,
        help_text=_(
            "Scoring opens report by report from the control room. Otherwise every report can "
            "be scored while the event is in scoring."
        ),
    )
    presenting = models.ForeignKey(
        "Appearance",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("now presenting"),
    )
    ceremony_round = models.ForeignKey(
        "Round",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("awards ceremony of"),
    )
    #: names revealed so far in the ceremony; one past the last: the full list
    ceremony_step = models.PositiveIntegerField(_("ceremony step"), default=0)
    scoring_seconds = models.PositiveIntegerField(
        _("scoring time (seconds)"),
        default=120,
        help_text=_("How long scoring stays open for each report; 0 for no limit."),
    )
    final_mode = models.CharField(
        _("final score"), max_length=16, choices=Final.choices, default=Final.LAST_ROUND
    )
    rounding = models.CharField(
        _("rounding"), max_length=16, choices=Rounding.choices, default=Rounding.ONCE
    )
    judges_named_on_screen = models.BooleanField(
        _("name judges on the big screen"),
        default=False,
        help_text=_("Otherwise the big screen shows 评委1…n."),
    )

    NATURAL_KEY = ("code",)

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["-date", "name"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(precision__lte=4), name="event_precision_max_4"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)

    @property
    def is_scoring(self) -> bool:
        return self.status == self.Status.SCORING

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class EventVersion(models.Model):
    """The version of an event's data: a random token that the database renews, by trigger, in
    the same statement as any write to the event's data (migration 0022 lists the tables), so no
    write path can skip it. Cached pages are keyed by it (``review.queries.cache``)."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, primary_key=True, related_name="data_version"
    )
    token = models.CharField(max_length=32)

    def __str__(self):
        return self.token


class Round(models.Model):
    """A 轮次 (初赛/复赛/决赛) with its own running order of appearances, segments and panels."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("event")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=50)
    weight = models.DecimalField(
        _("weight in the final"),
        max_digits=6,
        decimal_places=3,
        default=Decimal(1),
        help_text=_("Used when the final score is a weighted sum of the rounds."),
    )

    precision = models.PositiveSmallIntegerField(
        _("display precision (decimals)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(4)],
        help_text=_("Empty: the event's."),
    )
    specials_exclusive = models.BooleanField(
        _("at most one special award each"),
        default=False,
        help_text=_("A contestant who already won a special award is out of the later ones."),
    )

    NATURAL_KEY = ("event__code", "order")

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["event_id", "order"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.UniqueConstraint(fields=["event", "order"], name="round_order_unique"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="round_weight_positive"),
            models.CheckConstraint(
                condition=Q(precision__isnull=True) | Q(precision__lte=4),
                name="round_precision_max_4",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.event.code, self.order)

    natural_key.dependencies = ["review.event"]

    def places(self, event: "Event") -> int:
        """The round's display precision: its own, else its event's."""
        return event.precision if self.precision is None else self.precision


class Segment(models.Model):
    """A 环节 of a round, with its own criteria; its score counts ``weight`` times in the round."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="segments", verbose_name=_("round")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=50)
    weight = models.DecimalField(
        _("weight in the round"), max_digits=6, decimal_places=3, default=Decimal(1)
    )
    time_limit_seconds = models.PositiveIntegerField(
        _("time limit (seconds)"), null=True, blank=True
    )

    NATURAL_KEY = ("round__event__code", "round__order", "order")

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["round_id", "order"]
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        constraints = [
            models.UniqueConstraint(fields=["round", "order"], name="segment_order_unique"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="segment_weight_positive"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (*self.round.natural_key(), self.order)

    natural_key.dependencies = ["review.round"]


class Panel(models.Model):
    """A 评委组 of a round: its rule over its judges' totals, and its weight in each segment.

    A judge of the event not seated in any panel of a round sits in the round's first panel, so
    a round with one panel needs no seats at all."""

    class Aggregation(models.TextChoices):
        TRIMMED = tree.Aggregation.TRIMMED, _("drop the highest and lowest, then average")
        TRIMMED_AUTO = tree.Aggregation.TRIMMED_AUTO, _("drop by panel size, then average")
        MEAN = tree.Aggregation.MEAN, _("plain average")
        MEDIAN = tree.Aggregation.MEDIAN, _("median")
        SUM = tree.Aggregation.SUM, _("sum")

    class Fallback(models.TextChoices):
        MEAN = tree.Fallback.MEAN, _("plain average of all")
        NONE = tree.Fallback.NONE, _("no result")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="panels", verbose_name=_("round")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=50)
    weight = models.DecimalField(
        _("weight in each segment"), max_digits=6, decimal_places=3, default=Decimal(1)
    )
    aggregation = models.CharField(
        _("scoring rule"), max_length=16, choices=Aggregation.choices, default=Aggregation.TRIMMED
    )
    trim = models.PositiveSmallIntegerField(
        _("scores dropped at each end"),
        default=1,
        validators=[MaxValueValidator(10)],
        help_text=_("Used by the rule that drops the highest and lowest scores."),
    )
    fallback = models.CharField(
        _("too few scores to drop"),
        max_length=8,
        choices=Fallback.choices,
        default=Fallback.MEAN,
    )
    judges = models.ManyToManyField(
        "Judge", through="PanelSeat", related_name="panels", verbose_name=_("judges")
    )

    NATURAL_KEY = ("round__event__code", "round__order", "order")

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["round_id", "order"]
        verbose_name = _("judge panel")
        verbose_name_plural = _("judge panels")
        constraints = [
            models.UniqueConstraint(fields=["round", "order"], name="panel_order_unique"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="panel_weight_positive"),
            models.CheckConstraint(condition=Q(trim__lte=10), name="panel_trim_max_10"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (*self.round.natural_key(), self.order)

    natural_key.dependencies = ["review.round"]

    def spec(self) -> tree.PanelSpec:
        return tree.PanelSpec(
            self.pk,
            tree.Aggregation(self.aggregation),
            self.trim,
            self.weight,
            tree.Fallback(self.fallback),
        )


class PanelSeat(models.Model):
    panel = models.ForeignKey(
        Panel, on_delete=models.CASCADE, related_name="seats", verbose_name=_("judge panel")
    )
    judge = models.ForeignKey(
        "Judge", on_delete=models.CASCADE, related_name="panel_seats", verbose_name=_("judge")
    )

    NATURAL_KEY = (
        "panel__round__event__code",
        "panel__round__order",
        "panel__order",
        "judge__user__username",
    )

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["panel_id", "judge_id"]
        verbose_name = _("panel seat")
        verbose_name_plural = _("panel seats")
        constraints = [
            models.UniqueConstraint(fields=["panel", "judge"], name="panel_seat_unique"),
        ]

    def __str__(self):
        return f"{self.panel} · {self.judge}"

    def natural_key(self):
        return (*self.panel.natural_key(), self.judge.user.username)

    natural_key.dependencies = ["review.panel", "review.judge"]


class Criterion(models.Model):
    """A criterion of one segment. ``event`` repeats ``segment.round.event`` for the many
    queries that want an event's criteria; ``save`` fills whichever of the two is missing."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("event")
    )
    segment = models.ForeignKey(
        Segment, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("segment")
    )
    name = models.CharField(_("name"), max_length=100)
    guidance = models.TextField(_("guidance (评分细则)"), blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=6, decimal_places=2)
    step = models.DecimalField(_("step"), max_digits=5, decimal_places=2, default=Decimal("0.5"))
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=3,
        default=Decimal(1),
        help_text=_("A judge's total is the sum of score × weight. Leave 1 to count as scored."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    NATURAL_KEY = ("segment__round__event__code", "segment__round__order", "segment__order", "name")

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["event_id", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["segment", "name"], name="criterion_name_unique"),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="criterion_max_positive"),
            models.CheckConstraint(condition=Q(step__gt=0), name="criterion_step_positive"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.segment_id is None and self.event_id is not None:
            self.segment = first_segment(self.event_id)
        elif self.event_id is None and self.segment_id is not None:
            self.event_id = self.segment.round.event_id
        super().save(*args, **kwargs)

    def natural_key(self):
        return (*self.segment.natural_key(), self.name)

    natural_key.dependencies = ["review.segment"]

    def clean(self):
        if self.segment_id and self.event_id and self.segment.round.event_id != self.event_id:
            raise ValidationError({"segment": _("The segment belongs to another event.")})
        if self.max_score and self.step and not scoring.step_divides(self.max_score, self.step):
            raise ValidationError(
                {"step": _("The step %(step)s does not divide the maximum %(max)s.")},
                params={"step": self.step, "max": self.max_score},
            )

    @property
    def spec(self) -> scoring.CriterionSpec:
        return scoring.CriterionSpec(self.pk, self.max_score, self.weight)


class Appearance(models.Model):
    """An appearance: a contestant's 述职 in one round, at its place in that round's running
    order. ``event`` repeats ``round.event``; ``save`` fills whichever of the two is missing."""

    class Phase(models.TextChoices):
        WAITING = "waiting", _("waiting")
        OPEN = "open", _("scoring open")
        CLOSED = "closed", _("scoring closed")
        REVEALED = "revealed", _("revealed")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("event")
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("round")
    )
    contestant = models.ForeignKey(
        Contestant,
        on_delete=models.PROTECT,
        related_name="appearances",
        verbose_name=_("contestant"),
    )
    order = models.PositiveSmallIntegerField(_("presentation order"))
    title = models.CharField(_("report title"), max_length=300)
    statement = models.TextField(_("statement"), blank=True)
    phase = models.CharField(
        _("live phase"), max_length=16, choices=Phase.choices, default=Phase.WAITING
    )
    live_segment = models.ForeignKey(
        "Segment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("segment being scored"),
        help_text=_("While scoring is open: the one segment judges score; empty for all at once."),
    )
    opened_at = models.DateTimeField(_("scoring opened at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("scoring closes at"), null=True, blank=True)
    revealed_at = models.DateTimeField(_("revealed at"), null=True, blank=True)

    NATURAL_KEY = (
        "round__event__code",
        "round__order",
        "contestant__name",
        "contestant__unit__name",
    )

    objects = NaturalKeyManager()

    class Meta:
        db_table = "review_submission"  # its name before it was called an appearance
        ordering = ["event_id", "round_id", "order"]
        verbose_name = _("appearance")
        verbose_name_plural = _("appearances")
        constraints = [
            models.UniqueConstraint(fields=["round", "order"], name="submission_order_unique"),
            models.UniqueConstraint(
                fields=["round", "contestant"], name="submission_contestant_unique"
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.contestant.name} — {self.title}"

    def save(self, *args, **kwargs):
        if self.round_id is None and self.event_id is not None:
            self.round = first_round(self.event_id)
        elif self.event_id is None and self.round_id is not None:
            self.event_id = self.round.event_id
        super().save(*args, **kwargs)

    def natural_key(self):
        return (*self.round.natural_key(), *self.contestant.natural_key())

    natural_key.dependencies = ["review.round", "common.contestant"]

    def scoring_open_at(self, now) -> bool:
        return scoring_open(self.phase, self.closes_at, now)


def first_round(event_id: int) -> Round:
    """The event's first round, made (with one segment and one panel) if it has none yet: what
    a single-round event, created in one step, scores in."""
    found = Round.objects.filter(event_id=event_id).order_by("order").first()
    if found is not None:
        return found
    made = Round.objects.create(event_id=event_id, order=1, name=pgettext("round", "Round 1"))
    Segment.objects.create(round=made, order=1, name=pgettext("segment", "Report"))
    Panel.objects.create(round=made, order=1, name=pgettext("panel", "Judges"))
    return made


def first_segment(event_id: int) -> Segment:
    return first_round(event_id).segments.order_by("order").first()


def scoring_open(phase: str, closes_at, now) -> bool:
    """Open for scoring in a live show: opened, and its time not yet up."""
    return phase == Appearance.Phase.OPEN and (closes_at is None or now < closes_at)


def appearance_key(**options) -> models.ForeignKey:
    """A foreign key to an appearance. Its column keeps the name it had while the model was
    called Submission (``submission_id``; migration 0025 renamed only Django's state)."""
    options.setdefault("on_delete", models.CASCADE)
    return models.ForeignKey(Appearance, db_column="submission_id", **options)


class Judge(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="judge_seats",
        verbose_name=_("user"),
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="judges", verbose_name=_("event")
    )
    display_name = models.CharField(_("display name"), max_length=100)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="judges",
        verbose_name=_("unit"),
    )
    seat = models.PositiveSmallIntegerField(
        _("seat number"), help_text=_("Shown as 评委1…n where judges are not named.")
    )
    login_token = models.CharField(
        _("QR login code"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    token_issued_at = models.DateTimeField(_("QR code issued at"), null=True, blank=True)
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)

    NATURAL_KEY = ("event__code", "user__username")

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["event_id", "seat"]
        verbose_name = _("judge")
        verbose_name_plural = _("judges")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="judge_user_once_per_event"),
            models.UniqueConstraint(fields=["event", "seat"], name="judge_seat_unique"),
        ]

    def __str__(self):
        return self.display_name

    def natural_key(self):
        return (self.event.code, self.user.username)

    natural_key.dependencies = ["review.event", "auth.user", "common.unit"]


class Recusal(models.Model):
    """A declared conflict (回避). Same-unit recusal is automatic and not stored here."""

    judge = models.ForeignKey(
        Judge, on_delete=models.CASCADE, related_name="recusals", verbose_name=_("judge")
    )
    contestant = models.ForeignKey(
        Contestant, on_delete=models.CASCADE, related_name="recusals", verbose_name=_("contestant")
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    NATURAL_KEY = (
        "judge__event__code",
        "judge__user__username",
        "contestant__name",
        "contestant__unit__name",
    )

    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("declared recusal")
        verbose_name_plural = _("declared recusals")
        constraints = [
            models.UniqueConstraint(fields=["judge", "contestant"], name="recusal_unique"),
        ]

    def __str__(self):
        return f"{self.judge} ↛ {self.contestant}"

    def natural_key(self):
        return (*self.judge.natural_key(), *self.contestant.natural_key())

    natural_key.dependencies = ["review.judge", "common.contestant"]


class ScoreSheet(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    judge = models.ForeignKey(
        Judge, on_delete=models.CASCADE, related_name="sheets", verbose_name=_("judge")
    )
    appearance = appearance_key(
        related_name="sheets",
        verbose_name=_("appearance"),
    )
    segment = models.ForeignKey(
        Segment, on_delete=models.CASCADE, related_name="sheets", verbose_name=_("segment")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    is_generated = models.BooleanField(
        _("generated demo data"),
        default=False,
        help_text=_("Scores made up by the demo generator, not given by a real judge."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    reopened_values = models.JSONField(
        _("values when reopened"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The submitted values, kept while an organiser has the sheet reopened."),
    )
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    # Never written by Python: database triggers (migration 0007) keep it equal to the scores.
    scores_text = models.TextField(
        _("scores as text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("criterion_id:value,… of this sheet's scores, kept by database triggers."),
    )

    NATURAL_KEY = (
        "judge__event__code",
        "judge__user__username",
        "appearance__contestant__name",
        "appearance__contestant__unit__name",
        "segment__round__order",
        "segment__order",
    )

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["appearance", "judge"]
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["judge", "appearance", "segment"], name="sheet_once_per_judge"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="sheet_submitted_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.judge} · {self.appearance}"

    def save(self, *args, **kwargs):
        if self.segment_id is None:
            self.segment = (
                Segment.objects.filter(round__appearances=self.appearance_id)
                .order_by("order")
                .first()
            )
        super().save(*args, **kwargs)

    def natural_key(self):
        return (
            *self.judge.natural_key(),
            *self.appearance.contestant.natural_key(),
            self.segment.round.order,
            self.segment.order,
        )

    natural_key.dependencies = ["review.judge", "review.appearance", "review.segment"]

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_reopened(self) -> bool:
        return self.reopened_values is not None


class Score(models.Model):
    """One criterion's score on a sheet. ``value ≤ criterion.max_score`` is enforced by a
    database trigger (migration 0002), since a CHECK cannot look at another table."""

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="scores", verbose_name=_("sheet")
    )
    # RESTRICT: a criterion with scores cannot be deleted on its own, but deleting the whole
    # event (which deletes those scores too) is allowed.
    criterion = models.ForeignKey(
        Criterion, on_delete=models.RESTRICT, related_name="scores", verbose_name=_("criterion")
    )
    value = models.DecimalField(
        _("score"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )

    NATURAL_KEY = (
        "sheet__judge__event__code",
        "sheet__judge__user__username",
        "sheet__appearance__contestant__name",
        "sheet__appearance__contestant__unit__name",
        "sheet__segment__round__order",
        "sheet__segment__order",
        "criterion__name",
    )

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["sheet", "criterion"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(condition=Q(value__gte=0), name="score_not_negative"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"

    def natural_key(self):
        return (*self.sheet.natural_key(), self.criterion.name)

    natural_key.dependencies = ["review.scoresheet", "review.criterion"]

    def clean(self):
        if self.criterion_id and self.value is not None and self.value > self.criterion.max_score:
            raise ValidationError(
                {"value": _("The score %(value)s is over the maximum %(max)s.")},
                params={"value": self.value, "max": self.criterion.max_score},
            )


class TieBreakRule(models.Model):
    """One link of an event's tie-break chain, applied in ``order`` when final scores are equal."""

    class Kind(models.TextChoices):
        CRITERION = scoring.TieBreakKind.CRITERION, _("higher mean on a criterion")
        UNTRIMMED_MEAN = scoring.TieBreakKind.UNTRIMMED_MEAN, _("higher mean of all scores")
        MEDIAN = scoring.TieBreakKind.MEDIAN, _("higher median")
        SEGMENT = scoring.TieBreakKind.SEGMENT, _("higher score in a segment")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="tie_breaks", verbose_name=_("event")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criterion"),
    )
    segment = models.ForeignKey(
        "Segment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("segment"),
    )

    class Meta:
        ordering = ["event_id", "order", "pk"]
        verbose_name = _("tie-break rule")
        verbose_name_plural = _("tie-break rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="criterion", criterion__isnull=False)
                | (~Q(kind="criterion") & Q(criterion__isnull=True)),
                name="tiebreak_criterion_iff_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind="segment", segment__isnull=False)
                | (~Q(kind="segment") & Q(segment__isnull=True)),
                name="tiebreak_segment_iff_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.criterion or self.segment or ''}".strip()

    def clean(self):
        if self.kind == self.Kind.CRITERION and not self.criterion_id:
            raise ValidationError({"criterion": _("Choose the criterion that breaks the tie.")})
        if self.kind == self.Kind.SEGMENT and not self.segment_id:
            raise ValidationError({"segment": _("Choose the segment that breaks the tie.")})
        if self.kind != self.Kind.SEGMENT:
            self.segment = None
        elif self.segment.round.event_id != self.event_id:
            raise ValidationError({"segment": _("The segment belongs to another event.")})
        if self.kind != self.Kind.CRITERION:
            self.criterion = None
        elif self.criterion.event_id != self.event_id:
            raise ValidationError({"criterion": _("The criterion belongs to another event.")})

    @property
    def spec(self) -> scoring.TieBreak:
        key = self.segment_id if self.kind == self.Kind.SEGMENT else self.criterion_id
        return scoring.TieBreak(scoring.TieBreakKind(self.kind), key)


class AuditEntry(AuditRecord):
    """One thing that happened on the night: who, when, what, and why."""

    class Kind(models.TextChoices):
        PRESENTING = "presenting", _("now presenting")
        OPENED = "opened", _("scoring opened")
        CLOSED = "closed", _("scoring closed")
        REVEALED = "revealed", _("revealed")
        TOKEN_ISSUED = "token_issued", _("QR code issued")
        TOKEN_REVOKED = "token_revoked", _("QR code revoked")
        SIGNED_OFF = "signed_off", _("signed off")
        REOPENED = "reopened", _("sheet reopened")
        SCORE_CHANGED = "score_changed", _("score changed")
        STATUS = "status", _("event status changed")
        ROLE_GRANTED = "role_granted", _("role granted")
        ROLE_REMOVED = "role_removed", _("role removed")
        LOGIN_UNLOCKED = "login_unlocked", _("login unlocked")
        SETTINGS = "settings", _("settings changed")
        ADVANCED = "advanced", _("advanced to the next round")
        AWARDS = "awards", _("awards changed")
        AWARD_PICKED = "award_picked", _("award tie settled")
        AWARDS_FROZEN = "awards_frozen", _("awards frozen")
        CLOCK = "clock", _("stage clock")
        CEREMONY = "ceremony", _("awards ceremony")
        ADJUSTED = "adjusted", _("bonus or penalty")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="audit_entries", verbose_name=_("event")
    )
    kind = models.CharField(_("what"), max_length=16, choices=Kind.choices)
    appearance = appearance_key(
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appearance"),
    )
    judge = models.ForeignKey(
        Judge,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("judge"),
    )
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criterion"),
    )
    old_value = models.DecimalField(
        _("old value"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    new_value = models.DecimalField(
        _("new value"), max_digits=6, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["event_id", "at", "pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()}"


class EventRole(ScopedRole):
    """A person's part in one event. What each role may do is ``common.domain.roles.CAN``."""

    OWNER = "event"

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="roles", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_roles",
        verbose_name=_("user"),
    )

    class Meta:
        ordering = ["event_id", "role", "user_id"]
        verbose_name = _("event role")
        verbose_name_plural = _("event roles")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="event_role_once_per_user"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.event}"
