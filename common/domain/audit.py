"""Appending to an owner's audit log (a concrete ``common.models.AuditRecord``)."""


def append(model, owner_field: str, owner, actor, kind: str, **fields):
    """One entry. ``actor`` may be anonymous or ``None``: the entry then names nobody."""
    user = actor if actor is not None and actor.is_authenticated else None
    return model.objects.create(**{owner_field: owner}, actor=user, kind=kind, **fields)
