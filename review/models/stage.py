"""On the stage: the presentation clock of each appearance-segment, and the 加分/扣分 rules and
the adjustments they gave (entered by the organiser, or computed from the clock)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.scoring import adjust
from review.models.core import Round, Segment, appearance_key


class StageClock(models.Model):
    """How long an appearance has been on stage in one segment. While running, the time since
    ``started_at`` adds to ``elapsed_seconds`` (the time of earlier runs, or the corrected)."""

    appearance = appearance_key(
        related_name="clocks",
        verbose_name=_("appearance"),
    )
    segment = models.ForeignKey(
        Segment, on_delete=models.CASCADE, related_name="+", verbose_name=_("segment")
    )
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    elapsed_seconds = models.DecimalField(
        _("elapsed (seconds)"), max_digits=8, decimal_places=1, default=Decimal(0)
    )

    class Meta:
        verbose_name = _("stage clock")
        verbose_name_plural = _("stage clocks")
        constraints = [
            models.UniqueConstraint(fields=["appearance", "segment"], name="clock_once_per_part"),
        ]

    def __str__(self):
        return f"{self.appearance_id} · {self.segment_id}: {self.elapsed_seconds} s"

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def elapsed_at(self, now) -> Decimal:
        if self.started_at is None:
            return self.elapsed_seconds
        running = Decimal(str(round((now - self.started_at).total_seconds(), 1)))
        return self.elapsed_seconds + max(running, Decimal(0))


class AdjustmentRule(models.Model):
    """A 加分/扣分 rule of a round (or of one of its segments, for the over-time rule)."""

    class Kind(models.TextChoices):
        MANUAL = adjust.AdjustmentKind.MANUAL, _("points entered by the organiser")
        COUNT = adjust.AdjustmentKind.COUNT, _("points per counted item above a base")
        OVERTIME = adjust.AdjustmentKind.OVERTIME, _("over-time deduction from the stage clock")

    class Sign(models.IntegerChoices):
        BONUS = 1, _("bonus (加分)")
        PENALTY = -1, _("penalty (扣分)")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="adjustment_rules", verbose_name=_("round")
    )
    segment = models.ForeignKey(
        Segment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("segment"),
        help_text=_("For the over-time rule: whose time limit and clock count."),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sign = models.SmallIntegerField(_("bonus or penalty"), choices=Sign.choices)
    points = models.DecimalField(
        _("points per step"),
        max_digits=6,
        decimal_places=3,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    step = models.DecimalField(
        _("step"),
        max_digits=8,
        decimal_places=1,
        default=Decimal(1),
        help_text=_("Counted items per step, or seconds per started step over the limit."),
    )
    base = models.PositiveIntegerField(_("base count"), default=0)
    count_cap = models.PositiveIntegerField(_("counted up to"), null=True, blank=True)
    limit = models.DecimalField(
        _("at most (points)"),
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        ordering = ["round_id", "order"]
        verbose_name = _("adjustment rule")
        verbose_name_plural = _("adjustment rules")
        constraints = [
            models.UniqueConstraint(fields=["round", "order"], name="adjustment_rule_order_unique"),
            models.CheckConstraint(condition=Q(step__gt=0), name="adjustment_rule_step_positive"),
            models.CheckConstraint(
                condition=~Q(kind="overtime") | Q(segment__isnull=False),
                name="adjustment_rule_overtime_segment",
                violation_error_message=_("Choose the segment whose clock counts."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def spec(self) -> adjust.AdjustmentRule:
        return adjust.AdjustmentRule(
            adjust.AdjustmentKind(self.kind),
            self.sign,
            self.points,
            self.step,
            self.base,
            self.count_cap,
            self.limit,
        )


class Adjustment(models.Model):
    """The points one rule gave one appearance, and what they came from."""

    rule = models.ForeignKey(AdjustmentRule, on_delete=models.CASCADE, related_name="adjustments")
    appearance = appearance_key(related_name="adjustments")
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=3)
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    seconds = models.DecimalField(
        _("seconds on stage"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now=True)

    class Meta:
        ordering = ["rule_id", "appearance_id"]
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        constraints = [
            models.UniqueConstraint(fields=["rule", "appearance"], name="adjustment_once_per_rule"),
        ]

    def __str__(self):
        return f"{self.rule} · {self.appearance_id}: {self.points}"
