"""What every app shares: the units (organisations) and the people they rank, and the shape of
the people and the log every *owner* keeps — an event today, a season next.

A contest's appearances, a season's subjects and an inspection's units all point here, so one
official or one office is one row however many events and seasons it takes part in. An owner's
roles and audit log are tables of its own app (``EventRole``, ``AuditEntry``) built on
``ScopedRole`` and ``AuditRecord``; what a role may do is ``common.domain.roles``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NaturalKeyManager(models.Manager):
    """``get_by_natural_key`` from a model's ``NATURAL_KEY`` lookups, in ``natural_key`` order."""

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.model.NATURAL_KEY, values, strict=True)))


class Unit(models.Model):
    """An organisation a contestant or judge belongs to, e.g. 市发改委产业发展处."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    NATURAL_KEY = ("name",)

    objects = NaturalKeyManager()

    class Meta:
        db_table = "review_unit"  # made by the contest app before common existed
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)


class Contestant(models.Model):
    """A 述职人. Not tied to one event: the same official can present in several."""

    name = models.CharField(_("name"), max_length=100)
    post = models.CharField(_("post"), max_length=100, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="contestants", verbose_name=_("unit")
    )

    NATURAL_KEY = ("name", "unit__name")

    objects = NaturalKeyManager()

    class Meta:
        db_table = "review_contestant"
        ordering = ["name"]
        verbose_name = _("contestant")
        verbose_name_plural = _("contestants")
        constraints = [
            models.UniqueConstraint(fields=["name", "unit"], name="contestant_unique_in_unit"),
        ]

    def __str__(self):
        return f"{self.name}（{self.unit}）"

    def natural_key(self):
        return (self.name, self.unit.name)

    natural_key.dependencies = ["common.unit"]


class Role(models.TextChoices):
    """The roles every owner gives: what each may do is ``common.domain.roles.CAN``."""

    ORGANISER = "organiser", _("organiser")
    OPERATOR = "operator", _("operator")
    VIEWER = "viewer", _("viewer")


class ScopedRole(models.Model):
    """A person's one role in one owner. A concrete subclass adds ``user`` and the foreign key
    to its owner, named by ``OWNER`` (``"event"``, ``"season"``), unique together."""

    Role = Role
    OWNER: str

    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted at"), auto_now=True)

    class Meta:
        abstract = True


class AuditRecord(models.Model):
    """One thing that happened in an owner: who, when, what, and why. A concrete subclass adds
    the owner's foreign key and ``kind`` with its own choices; entries are only ever added."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        abstract = True


class Job(models.Model):
    """Long work run in the background (``common.domain.jobs``): a workbook being built, an
    import being checked. Its progress is shown on the page that started it; what it made is a
    file in the default storage, served only through its owner's pages."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=40)
    #: whose job: ``season:3``, ``event:7`` — the owner's pages show it to the owner's people
    owner = models.CharField(_("owner"), max_length=40, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")  # fmt: skip
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.QUEUED)  # fmt: skip
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    #: what came of it: a summary, or why it failed (problems with their place)
    outcome = models.JSONField(_("outcome"), default=dict, blank=True)
    file = models.CharField(_("file"), max_length=200, blank=True)  # a name in the storage
    filename = models.CharField(_("download name"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    heartbeat = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return f"{self.kind} · {self.owner} · {self.status}"

    @property
    def percent(self) -> int:
        return 100 if self.status == self.Status.DONE else (
            int(100 * self.done / self.total) if self.total else 0)  # fmt: skip
