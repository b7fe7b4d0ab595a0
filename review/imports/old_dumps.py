"""Event dumps written before units and people moved to ``common`` and a 述职 on stage was
named an *appearance* (migrations common 0001, review 0024 and 0025) name ``review.unit``,
``review.contestant`` and ``review.submission``, and a ``submission`` field on the rows that
point at one. The same rows under today's names: nothing else in a dump changed."""

MODELS = {
    "review.unit": "common.unit",
    "review.contestant": "common.contestant",
    "review.submission": "review.appearance",
}
#: the models whose foreign key to an appearance was called ``submission``
POINTING = {
    f"review.{name}"
    for name in ("scoresheet", "auditentry", "nomination", "awardpick", "frozenaward",
                 "stageclock", "adjustment", "audiencevote")
}  # fmt: skip


def upgraded(objects: list[dict]) -> tuple[list[dict], int]:
    """The dump's objects under today's names, and how many were renamed."""
    changed = 0
    result = []
    for item in objects:
        model = item.get("model")
        fields = item.get("fields", {})
        new_model = MODELS.get(model, model)
        if model in POINTING and "submission" in fields:
            fields = {("appearance" if k == "submission" else k): v for k, v in fields.items()}
        elif new_model == model:
            result.append(item)
            continue
        changed += 1
        result.append({**item, "model": new_model, "fields": fields})
    return result, changed
