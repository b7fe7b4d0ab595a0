"""The audience vote (人气奖): a poll behind a 单项奖, its votes and, in strict mode, the printed
ticket codes. Votes are counted apart from the scoring: saving one touches no scoring cache."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from review.models.awards import SpecialAward
from review.models.core import appearance_key


def new_poll_token() -> str:
    return secrets.token_urlsafe(9)


class AudiencePoll(models.Model):
    class State(models.TextChoices):
        READY = "ready", pgettext_lazy("vote", "not open yet")
        OPEN = "open", pgettext_lazy("vote", "open")
        CLOSED = "closed", pgettext_lazy("vote", "closed")

    award = models.OneToOneField(
        SpecialAward, on_delete=models.CASCADE, related_name="poll", verbose_name=_("award")
    )
    token = models.CharField(_("vote page key"), max_length=24, unique=True, default=new_poll_token)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.READY)
    strict = models.BooleanField(
        _("printed ticket codes only"),
        default=False,
        help_text=_("Each vote needs one of the printed codes, and each code votes once."),
    )
    per_address_per_minute = models.PositiveIntegerField(
        _("votes per address per minute"),
        default=30,
        help_text=_("Phones behind one hall router share an address: keep it generous."),
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("audience vote")
        verbose_name_plural = _("audience votes")

    def __str__(self):
        return str(self.award)


class VoteTicket(models.Model):
    poll = models.ForeignKey(AudiencePoll, on_delete=models.CASCADE, related_name="tickets")
    code = models.CharField(_("code"), max_length=16, unique=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ticket code")
        verbose_name_plural = _("ticket codes")

    def __str__(self):
        return self.code


class AudienceVote(models.Model):
    poll = models.ForeignKey(AudiencePoll, on_delete=models.CASCADE, related_name="votes")
    appearance = appearance_key(related_name="+")
    #: the phone's signed-cookie id, or ``ticket:<code>`` in strict mode
    voter = models.CharField(max_length=64)
    #: the id the vote page keeps in the phone's local storage ("" if it gave none)
    device = models.CharField(max_length=64, blank=True)
    address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    is_generated = models.BooleanField(
        _("generated demo data"),
        default=False,
        help_text=_("Made up by the demo generator, not cast by a phone."),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("audience vote")
        verbose_name_plural = _("audience votes")
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter"], name="vote_once_per_voter"),
            models.UniqueConstraint(
                fields=["poll", "device"], condition=~Q(device=""), name="vote_once_per_device"
            ),
        ]
        indexes = [models.Index(fields=["poll", "address", "at"], name="vote_rate_by_address")]

    def __str__(self):
        return f"{self.poll} · {self.voter} → {self.appearance_id}"


class TicketMiss(models.Model):
    """A wrong ticket code, kept a minute to throttle guessing from one address."""

    poll = models.ForeignKey(AudiencePoll, on_delete=models.CASCADE, related_name="+")
    address = models.GenericIPAddressField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["poll", "address", "at"], name="ticket_miss_by_address")]

    def __str__(self):
        return f"{self.address} {self.at:%H:%M:%S}"
