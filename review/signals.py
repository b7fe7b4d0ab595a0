"""Any saved or deleted row of an event bumps the event's cache version once the transaction
commits — admin edits, imports and the show's steps alike. A new event (not one loaded from a
fixture, which brings its own) gets its first round, segment and panel at once."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from review.models import (
    Adjustment,
    AdjustmentRule,
    AwardPick,
    AwardTier,
    Criterion,
    Event,
    FrozenAward,
    Judge,
    Panel,
    PanelSeat,
    Recusal,
    Round,
    ScoreSheet,
    Segment,
    SpecialAward,
    StageClock,
    Submission,
    TieBreakRule,
    first_round,
)
from review.queries.cache import bump


def _via(relation: str):
    """The event id through a related row: from the loaded object when it is there (as on the
    submit path), else with one query."""

    def event_id(obj):
        descriptor = getattr(type(obj), relation)
        if descriptor.is_cached(obj):
            return getattr(obj, relation).event_id
        related_id = getattr(obj, f"{relation}_id")
        model = descriptor.field.related_model
        return model.objects.filter(pk=related_id).values_list("event_id", flat=True).first()

    return event_id


EVENT_OF = {
    Event: lambda obj: obj.pk,
    Criterion: lambda obj: obj.event_id,
    Submission: lambda obj: obj.event_id,
    Judge: lambda obj: obj.event_id,
    TieBreakRule: lambda obj: obj.event_id,
    Round: lambda obj: obj.event_id,
    Segment: _via("round"),
    Panel: _via("round"),
    PanelSeat: _via("judge"),
    Recusal: _via("judge"),
    ScoreSheet: _via("submission"),
    AwardTier: _via("round"),
    SpecialAward: _via("round"),
    AwardPick: _via("round"),
    FrozenAward: _via("round"),
    AdjustmentRule: _via("round"),
    Adjustment: _via("submission"),
    StageClock: _via("submission"),
}


def event_changed(sender, instance, **kwargs):
    event_id = EVENT_OF[sender](instance)
    if event_id is not None and not _bump_pending(event_id):
        callback = partial(bump, event_id)
        callback.bumps_event = event_id
        transaction.on_commit(callback)


def _bump_pending(event_id: int) -> bool:
    """Whether this transaction will bump the event anyway: once per commit is enough.

    Any bump still registered counts: Django drops the ones registered inside a savepoint
    that rolled back, and the savepoints the others depend on enclose this change too."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        getattr(callback, "bumps_event", None) == event_id
        for _savepoints, callback, _robust in connection.run_on_commit
    )


def give_structure(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        first_round(instance.pk)


def connect():
    post_save.connect(give_structure, sender=Event, dispatch_uid="event-structure")
    for model in EVENT_OF:
        post_save.connect(event_changed, sender=model, dispatch_uid=f"bump-{model.__name__}")
        post_delete.connect(event_changed, sender=model, dispatch_uid=f"bump-del-{model.__name__}")
