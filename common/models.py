"""What every app shares: the units (organisations) and the people they rank.

A contest's appearances, a season's subjects and an inspection's units all point here, so one
official or one office is one row however many events and seasons it takes part in."""

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
