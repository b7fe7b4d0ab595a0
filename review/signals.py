"""A new event (not one loaded from a fixture, which brings its own) gets its first round,
segment and panel at once. (Cached pages follow the event's data version, which the database
itself renews on every write: ``review.queries.cache``.)"""

from django.db.models.signals import post_save

from review.models import Event, first_round


def give_structure(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        first_round(instance.pk)


def connect():
    post_save.connect(give_structure, sender=Event, dispatch_uid="event-structure")
