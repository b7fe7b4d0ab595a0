"""Every route of the URLconf with its access rule, every kind of visitor, and who each rule lets
in: the table the route × role test, the header test and the accessibility audit share."""

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from common.domain.roles import Can

ANONYMOUS = "anonymous"
EVENT_ROLES = ("organiser", "operator", "viewer")
VISITORS = (
    ANONYMOUS,
    "ordinary user",
    "staff without a role",
    "judge",
    "recused judge",
    "judge of another event",
    *EVENT_ROLES,
    "organiser of another event",
    "subject contact",
    "contact of another subject",
    "inspector",
    "superuser",
)
#: The event's organiser, operator and viewer hold the same role in the season of the world;
#: the organiser of another event organises another season; the contacts are the season's; the
#: inspector inspects the subject contact's unit, and recorded the world's (accepted) problem.

ALLOWED = {
    "public": set(VISITORS),
    "staff": {
        "staff without a role",
        "organiser",
        "operator",
        "organiser of another event",
        "superuser",
    },
    "judge": {"judge", "recused judge"},
    "scorer": {"judge"},
    "results": {*EVENT_ROLES, "superuser"},  # the event is not published
    Can.VIEW: {*EVENT_ROLES, "superuser"},
    Can.RUN: {"organiser", "operator", "superuser"},
    Can.MANAGE: {"organiser", "superuser"},
    "superuser": {"superuser"},
    "season member": {*EVENT_ROLES, "superuser", "subject contact", "contact of another subject"},
    "own subject": {*EVENT_ROLES, "superuser", "subject contact"},
    "inspector": {"inspector"},
    "problem viewer": {*EVENT_ROLES, "superuser", "inspector", "subject contact"},
    "problem's unit": {"organiser", "operator", "superuser", "subject contact"},
}


def _patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                yield ("admin:index", "superuser")
            else:
                yield from _patterns(entry)
            continue
        assert isinstance(entry, URLPattern)
        yield (entry.name, getattr(entry.callback, "access_rule", None))


ROUTES = sorted(set(_patterns()))

GET_ROUTES = [(n, r) for n, r in ROUTES if n not in ("logout", "control-act")]


def url_of(name, kwargs):
    for keys in (
        (),
        ("event_pk",),
        ("token",),
        ("event_pk", "appearance_pk"),
        ("event_pk", "appearance_pk", "segment_pk"),
        ("event_pk", "judge_pk"),
        ("event_pk", "judge_pk", "appearance_pk"),
        ("event_pk", "award_pk"),
        ("season_pk",),
        ("season_pk", "period_pk"),
        ("season_pk", "subject_pk"),
        ("season_pk", "job_pk"),
        ("season_pk", "pair_pk"),
        ("season_pk", "problem_pk"),
        ("season_pk", "problem_pk", "photo_pk"),
        ("inspector_token",),
    ):
        if not set(keys) <= set(kwargs):
            continue
        try:
            return reverse(name, kwargs={k: kwargs[k] for k in keys})
        except NoReverseMatch:
            continue
    raise AssertionError(f"cannot build a URL for {name}")
