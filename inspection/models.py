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
        INSPECTOR = "inspector", _("inspector added")
        TOKEN = "token", _("inspector's QR code issued")
        REVIEWED = "reviewed", _("problem reviewed")
        RECTIFIED = "rectified", _("problem rectified")
        CLOSED = "closed", _("problem closed")

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="inspection_log")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+")  # fmt: skip
    kind = models.CharField(_("what"), max_length=16, choices=Kind.choices)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("cross-inspection log entry")
        verbose_name_plural = _("cross-inspection log")


class Inspector(models.Model):
    """A person of an inspecting unit, logged in on a phone by the QR code of their seat (like
    a judge): records problems at the units drawn for their unit, in the open period."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="inspectors")
    unit = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="inspectors",
                             verbose_name=_("inspecting unit"))  # fmt: skip
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="inspector_seats")  # fmt: skip
    login_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    token_issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inspector")
        verbose_name_plural = _("inspectors")
        constraints = [
            models.UniqueConstraint(fields=["season", "user"], name="one_seat_per_season"),
        ]

    def __str__(self):
        return f"{self.user} · {self.unit_id}"


class Problem(models.Model):
    """A problem an inspector found at an inspected unit. Submitted → accepted or sent back
    (the inspector may fix it and send it again) → the inspected unit marks it rectified (整改,
    with an after-photo) → the reviewer closes it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for review")
        SENT_BACK = "sent_back", _("sent back")
        ACCEPTED = "accepted", _("accepted")
        RECTIFIED = "rectified", _("rectified, waiting to be closed")
        CLOSED = "closed", _("closed")

    class Category(models.TextChoices):
        ENVIRONMENT = "environment", _("environment and hygiene")
        SAFETY = "safety", _("safety hazard")
        SERVICE = "service", _("service and conduct")
        FACILITY = "facility", _("facilities")
        OTHER = "other", _("other")

    class SendBack(models.TextChoices):
        TRIVIAL = "trivial", _("too trivial")
        DUPLICATE = "duplicate", _("a duplicate")
        UNCLEAR = "unclear", _("the photo is unclear")
        OTHER = "other", _("other")

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="problems")
    inspector = models.ForeignKey(Inspector, on_delete=models.CASCADE, related_name="problems")
    #: the phone's key for this problem: sent twice, kept once
    key = models.UUIDField(unique=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    description = models.TextField(_("description"), max_length=1000)
    place = models.CharField(_("place"), max_length=200)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True,
                                   blank=True)  # fmt: skip
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True,
                                    blank=True)  # fmt: skip
    responsible = models.CharField(_("responsible person"), max_length=60)
    phone = models.CharField(_("their phone"), max_length=30)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.SUBMITTED)  # fmt: skip
    sent_back_as = models.CharField(_("sent back as"), max_length=10, choices=SendBack.choices,
                                    blank=True)  # fmt: skip
    review_note = models.CharField(_("reviewer's note"), max_length=300, blank=True)
    suspected_duplicate = models.ForeignKey("self", on_delete=models.SET_NULL, null=True,
                                            blank=True, related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        indexes = [models.Index(fields=["pair", "status"])]

    def __str__(self):
        return f"{self.pair_id} · {self.get_category_display()}"


class Photo(models.Model):
    """A problem's photo (or its after-photo of 整改): the re-encoded JPEG, never the upload,
    served only through the season's pages to those who may see the problem."""

    class Kind(models.TextChoices):
        FOUND = "found", _("as found")
        AFTER = "after", _("after rectification")

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(max_length=6, choices=Kind.choices, default=Kind.FOUND)
    image = models.FileField(upload_to="inspection/photos/")
    thumbnail = models.FileField(upload_to="inspection/thumbs/", blank=True)
    digest = models.CharField(max_length=64, db_index=True)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        ordering = ["problem", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return f"{self.problem_id} · {self.kind}"
