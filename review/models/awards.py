"""Awards of a round: tiers by rank or score (金牌/优秀, 优秀/称职/基本称职), 单项奖, the
organiser's picks at a tie, the judges' nominations, and the list frozen at publication.

Who wins is computed by ``common.scoring.awards`` from the round's ranking
(``review.queries.awards``); these rows hold only the rules and the organiser's decisions, and
``FrozenAward`` the published list."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.scoring import awards
from review.models.core import Criterion, Judge, Round, Segment, appearance_key


class AwardTier(models.Model):
    """A tier of a round's awards, best first: who gets it is decided by rank or score."""

    class Quota(models.TextChoices):
        COUNT = awards.Quota.COUNT, _("a number of places")
        PERCENT = awards.Quota.PERCENT, _("a share of the field")
        THRESHOLD = awards.Quota.THRESHOLD, _("a minimum score")
        REST = awards.Quota.REST, _("everyone left")

    class Rounding(models.TextChoices):
        DOWN = awards.QuotaRounding.DOWN, _("at most the share (round down)")
        HALF_UP = awards.QuotaRounding.HALF_UP, _("round half up")

    class TiePolicy(models.TextChoices):
        ALL_HIGHER = awards.TiePolicy.ALL_HIGHER, _("every tied contestant gets the higher tier")
        TIE_BREAK = awards.TiePolicy.TIE_BREAK, _("the tie-break chain, then the organiser picks")
        PICK = awards.TiePolicy.PICK, _("the organiser picks, with a reason")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="award_tiers", verbose_name=_("round")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=40)
    quota = models.CharField(_("who gets it"), max_length=12, choices=Quota.choices)
    count = models.PositiveIntegerField(_("places"), null=True, blank=True)
    percent = models.DecimalField(
        _("share of the field (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    quota_rounding = models.CharField(
        _("rounding of the share"), max_length=8, choices=Rounding.choices, default=Rounding.DOWN
    )
    threshold = models.DecimalField(
        _("minimum score"), max_digits=9, decimal_places=4, null=True, blank=True
    )
    tie_policy = models.CharField(
        _("a tie at the last place"),
        max_length=12,
        choices=TiePolicy.choices,
        default=TiePolicy.ALL_HIGHER,
    )

    class Meta:
        ordering = ["round_id", "order"]
        verbose_name = _("award tier")
        verbose_name_plural = _("award tiers")
        constraints = [
            models.UniqueConstraint(fields=["round", "order"], name="award_tier_order_unique"),
            models.CheckConstraint(
                condition=~Q(quota="count") | Q(count__isnull=False),
                name="award_tier_count",
                violation_error_message=_("Give the number of places."),
            ),
            models.CheckConstraint(
                condition=~Q(quota="percent") | Q(percent__isnull=False),
                name="award_tier_percent",
                violation_error_message=_("Give the share of the field in per cent."),
            ),
            models.CheckConstraint(
                condition=~Q(quota="threshold") | Q(threshold__isnull=False),
                name="award_tier_threshold",
                violation_error_message=_("Give the minimum score."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def rule(self) -> awards.TierRule:
        return awards.TierRule(
            self.pk,
            awards.Quota(self.quota),
            self.count,
            self.percent,
            awards.QuotaRounding(self.quota_rounding),
            self.threshold,
            awards.TiePolicy(self.tie_policy),
        )


class SpecialAward(models.Model):
    """A 单项奖: the best on a segment or criterion, the judges' ballot, or the audience vote."""

    class Source(models.TextChoices):
        SEGMENT = "segment", _("best score in a segment")
        CRITERION = "criterion", _("best mean on a criterion")
        BALLOT = "ballot", _("the judges' ballot")
        AUDIENCE = "audience", _("the audience vote")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="special_awards", verbose_name=_("round")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=40)
    source = models.CharField(_("decided by"), max_length=12, choices=Source.choices)
    segment = models.ForeignKey(
        Segment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("segment"),
    )
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criterion"),
    )
    exclude_tier_winners = models.BooleanField(_("tier winners excluded"), default=False)
    ballot_open = models.BooleanField(_("ballot open"), default=False)

    class Meta:
        ordering = ["round_id", "order"]
        verbose_name = _("special award")
        verbose_name_plural = _("special awards")
        constraints = [
            models.UniqueConstraint(fields=["round", "order"], name="special_award_order_unique"),
            models.CheckConstraint(
                condition=~Q(source="segment") | Q(segment__isnull=False),
                name="special_award_segment",
                violation_error_message=_("Choose the segment."),
            ),
            models.CheckConstraint(
                condition=~Q(source="criterion") | Q(criterion__isnull=False),
                name="special_award_criterion",
                violation_error_message=_("Choose the criterion."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def rule(self) -> awards.SpecialRule:
        return awards.SpecialRule(self.pk, self.exclude_tier_winners)


class Nomination(models.Model):
    """A judge's one nomination for a ballot 单项奖."""

    award = models.ForeignKey(
        SpecialAward,
        on_delete=models.CASCADE,
        related_name="nominations",
        verbose_name=_("special award"),
    )
    judge = models.ForeignKey(
        Judge, on_delete=models.CASCADE, related_name="+", verbose_name=_("judge")
    )
    appearance = appearance_key(
        related_name="+",
        verbose_name=_("appearance"),
    )
    at = models.DateTimeField(_("time"), auto_now=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(fields=["award", "judge"], name="nomination_once_per_judge"),
        ]

    def __str__(self):
        return f"{self.award} · {self.judge_id} → {self.appearance_id}"


class AwardPick(models.Model):
    """The organiser's choice among contestants tied at a tier's last place or for a 单项奖."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="award_picks", verbose_name=_("round")
    )
    tier = models.ForeignKey(
        AwardTier, on_delete=models.CASCADE, null=True, blank=True, related_name="picks"
    )
    special = models.ForeignKey(
        SpecialAward, on_delete=models.CASCADE, null=True, blank=True, related_name="picks"
    )
    appearance = appearance_key(
        related_name="+",
        verbose_name=_("appearance"),
    )
    reason = models.TextField(_("reason"), max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("award pick")
        verbose_name_plural = _("award picks")
        constraints = [
            models.CheckConstraint(
                condition=Q(tier__isnull=True) ^ Q(special__isnull=True),
                name="award_pick_tier_or_special",
            ),
        ]

    def __str__(self):
        return f"{self.tier or self.special} → {self.appearance_id}"


class FrozenAward(models.Model):
    """One line of the published 获奖名单, kept as it was when the results were published."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="frozen_awards", verbose_name=_("round")
    )
    order = models.PositiveIntegerField(_("order"))
    tier = models.ForeignKey(
        AwardTier, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    special = models.ForeignKey(
        SpecialAward, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("award"), max_length=40)
    appearance = appearance_key(
        related_name="+",
        verbose_name=_("appearance"),
    )
    rank = models.PositiveIntegerField(_("rank"), null=True)
    score = models.DecimalField(_("score"), max_digits=12, decimal_places=4, null=True)
    frozen_at = models.DateTimeField(_("frozen at"), auto_now_add=True)

    class Meta:
        ordering = ["round_id", "order"]
        verbose_name = _("published award")
        verbose_name_plural = _("published awards")

    def __str__(self):
        return f"{self.name} → {self.appearance_id}"
