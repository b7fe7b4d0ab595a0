"""交叉检查 of a season's period: the draw (抽签) of who inspects whom, made from a seed
committed to beforehand, and its pairs. Thin: the draw itself is ``common.draw``; every change
of state is a function of ``inspection.domain``."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import AuditRecord
from season.models import Period, Season, Subject


class Draw(models.Model):
    """One draw of a period. Committed: its inputs, constraints and the seed's hash are
    published, the seed kept back; drawn: the seed is published with the pairs; replaced: a
    re-draw (with a reason) took its place — it stays, with its pairs, in the 抽签记录."""

    class State(models.TextChoices):
        COMMITTED = "committed", _("committed, not drawn yet")
        DRAWN = "drawn", _("drawn")
        REPLACED = "replaced", _("replaced by a re-draw")

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="draws")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="draws")
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.COMMITTED)  # fmt: skip
    algorithm = models.CharField(_("algorithm"), max_length=40)
    #: ``common.draw.Request.as_json()``: the units (their ids) and the constraints
    request = models.JSONField(_("inputs and constraints"))
    commitment = models.CharField(_("commitment (SHA-256 of the seed)"), max_length=64)
    #: 32 random bytes as hex; shown only once drawn
    seed = models.CharField(_("seed"), max_length=64)
    committed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")  # fmt: skip
    committed_at = models.DateTimeField(_("committed at"), auto_now_add=True)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    replaced_reason = models.TextField(_("reason for the re-draw"), blank=True)

    class Meta:
        ordering = ["period__order", "committed_at", "pk"]
        verbose_name = _("draw")
        verbose_name_plural = _("draws")
        constraints = [
            models.UniqueConstraint(
                fields=["period"], condition=~Q(state="replaced"), name="one_live_draw_per_period"
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.period} · {self.get_state_display()}"


class Pair(models.Model):
    """One inspector unit → inspected unit of a draw, in the order drawn."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="pairs")
    order = models.PositiveIntegerField(_("order"))
    inspector = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("inspecting unit"))  # fmt: skip
    inspected = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("inspected unit"))  # fmt: skip

    class Meta:
        ordering = ["draw", "order"]
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["draw", "inspector", "inspected"], name="pair_once_per_draw"
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.inspector_id} → {self.inspected_id}"


class InspectionEntry(AuditRecord):
    """One thing that happened in a season's cross-inspections: who, when, what, and why."""

    class Kind(models.TextChoices):
        COMMITTED = "committed", _("draw committed")
        DRAWN = "drawn", _("draw made")
        REDRAWN = "redrawn", _("re-draw")

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="inspection_log")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+")  # fmt: skip
    kind = models.CharField(_("what"), max_length=16, choices=Kind.choices)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("cross-inspection log entry")
        verbose_name_plural = _("cross-inspection log")
