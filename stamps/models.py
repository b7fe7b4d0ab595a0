"""积分 stamps of a season's month: one per household (or unit) per weekly check, red, black or
空, and the organiser's reward tiers. Thin: what a month's stamps earn is
``common.scoring.stamps``; every change is a function of ``stamps.domain``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditRecord
from common.scoring.stamps import Stamp as Colour
from season.models import Period, Season, Subject

WEEKS = 5  # weekly checks a month holds at most


class Stamp(models.Model):
    class Colour(models.TextChoices):
        RED = Colour.RED.value, _("red")
        BLACK = Colour.BLACK.value, _("black")
        EMPTY = Colour.EMPTY.value, _("空 (bin emptied)")

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="stamps")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="stamps")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="stamps")
    week = models.PositiveSmallIntegerField(_("week"))
    colour = models.CharField(_("stamp"), max_length=6, choices=Colour.choices)
    photo = models.FileField(upload_to="stamps/photos/", blank=True)
    checker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                related_name="+", verbose_name=_("checker"))  # fmt: skip
    at = models.DateTimeField(_("stamped at"), auto_now=True)

    class Meta:
        ordering = ["period", "subject", "week"]
        verbose_name = _("stamp")
        verbose_name_plural = _("stamps")
        constraints = [
            models.UniqueConstraint(fields=["period", "subject", "week"], name="stamp_once_a_week"),
        ]

    def __str__(self):
        return f"{self.subject_id} · {self.week} · {self.colour}"


class RewardTier(models.Model):
    """A reward a month's stamps earn, best first: at least ``min_red`` red points (a 空 counts
    half) and at most ``max_black`` blacks."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="reward_tiers")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=40)
    min_red = models.DecimalField(_("at least red points"), max_digits=4, decimal_places=1)
    max_black = models.PositiveSmallIntegerField(_("at most blacks"), null=True, blank=True)

    class Meta:
        ordering = ["season", "order"]
        verbose_name = _("reward tier")
        verbose_name_plural = _("reward tiers")

    def __str__(self):
        return self.name


class StampEntry(AuditRecord):
    class Kind(models.TextChoices):
        STAMPED = "stamped", _("stamped")
        CHANGED = "changed", _("stamp changed")
        TIERS = "tiers", _("reward tiers set")

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="stamp_log")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+")  # fmt: skip
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("stamp log entry")
        verbose_name_plural = _("stamp log")
