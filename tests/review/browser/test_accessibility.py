"""Every page, as each kind of person who may open it, audited by axe-core in Chromium: no
serious or critical violation (contrast, labels, names). Each page is also photographed at
phone and desktop size into ``test-output/pages/`` for a person to look at.

The pages come from the URLconf (``tests/test_access.py``'s routes and rules): a new page is
audited without being listed here. Downloads (workbooks, PDFs, QR images), fragments polled
into a page, and steps that only accept a POST are not pages."""

import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from common.domain import jobs, roles
from inspection.domain.problems import record_problem, review
from inspection.models import Pair
from review.domain import votes
from review.domain.roles import grant
from review.domain.tokens import issue_token
from review.models import Appearance, AudiencePoll, Event, SpecialAward
from season.domain.periods import publish
from season.domain.roles import SEASON
from season.tasks import WORKBOOK, owner
from stamps.domain.stamps import stamp
from tests.factories import make_user
from tests.factories.browser import password_login
from tests.factories.inspection import drawn, inspector, photo, report
from tests.factories.season import fill_month, service_centre
from tests.routes import ALLOWED, ROUTES

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = {"phone": (390, 844), "desktop": (1366, 900)}
SERIOUS = {"serious", "critical"}
#: Not pages: a login link that redirects, the admin (Django's own), and logging out.
NOT_PAGES = {"qr-login", "inspection-login", "logout", "admin:index", "set_language"}


OPTIONS = {"resultTypes": ["violations", "incomplete"]}


def serious_problems(results: dict, where: str) -> list[str]:
    """Serious and critical violations — and text whose colour equals its background (axe files
    a 1:1 contrast under "incomplete", in case the text is meant to be hidden; ours never is:
    it was every delete button on 赛制设置)."""
    found = []
    for violation in results["violations"]:
        if violation["impact"] in SERIOUS:
            targets = [" ".join(n["target"]) for n in violation["nodes"][:3]]
            found.append(f"{where}: {violation['id']} on {targets}")
    for unsure in results["incomplete"]:
        for node in unsure["nodes"]:
            for check in node.get("any", []):
                if (check.get("data") or {}).get("messageKey") == "equalRatio":
                    found.append(f"{where}: text as its background on {node['target']}")
    return found


@pytest.fixture
def contest(organiser):
    call_command("demo_contest", seed=5, verbosity=0)
    event = Event.objects.get(code="shanghai-red-2022")
    final = event.rounds.get(order=2)
    revealed = Appearance.objects.filter(round=final, phase=Appearance.Phase.REVEALED).first()
    judge = event.judges.order_by("seat").first()
    audience = SpecialAward.objects.filter(round=final, source="audience").first()
    poll = AudiencePoll.objects.filter(award=audience).first()
    # Open, so the phones' vote list and the big screen's vote board are audited too.
    votes.set_poll_state(poll, AudiencePoll.State.OPEN, organiser)
    people = {"anonymous": None, "judge": judge.user}
    for role in ("organiser", "operator", "viewer"):
        user = make_user(f"a11y-{role}", staff=role != "viewer")
        grant(event, user, role, None)
        people[role] = user
    season, subject, job, inspection = _season(people, organiser)
    kwargs = {
        **inspection,
        "season_pk": season.pk,
        "period_pk": season.periods.get(order=1).pk,
        "subject_pk": subject.pk,
        "job_pk": job.pk,
        "event_pk": event.pk,
        "appearance_pk": revealed.pk,
        "judge_pk": judge.pk,
        "segment_pk": final.segments.first().pk,
        "award_pk": audience.pk,
        "token": poll.token if poll else "",
    }
    return event, people, kwargs, issue_token(judge, organiser)


def _season(people, organiser):
    """A season beside the contest: the same people hold the same roles in it, a contact sees
    their unit's scorecard; January drawn for cross-inspections and published with a
    correction, February entered."""
    season, season_organiser, subjects, indicators = service_centre(size=6)
    for role in ("organiser", "operator", "viewer"):
        roles.grant(SEASON, season, people[role], role, None)
    people["subject contact"] = make_user("a11y-contact")
    subjects[0].contact = people["subject contact"]
    subjects[0].save()
    for order in (1, 2):
        table = {s.name: (100 + 30 * s.order, 1 + s.order % 4, s.order, 90 + s.order, 95)
                 for s in subjects}  # fmt: skip
        fill_month(season.periods.get(order=order), subjects, indicators, table)
    january = season.periods.get(order=1)
    inspection = _inspection(season, subjects, people, season_organiser)
    for week, colour in enumerate(["red", "red", "empty", "black"], start=1):  # its 积分卡
        stamp(january, subjects[0], week, colour, season_organiser)
    publish(january, season_organiser)
    fill_month(january, subjects, indicators, {"窗口1": (300, 1, 1, 99, 95)}, season_organiser,
               reason="更正")  # fmt: skip
    job = jobs.start(WORKBOOK, owner(season), season_organiser, season=season.pk)
    jobs.progress(jobs.claim(job.pk), 3, 7)  # under way: its progress bar is audited too
    return season, subjects[0], job, inspection


def _inspection(season, subjects, people, organiser) -> dict:
    """January and February drawn (every unit inspects every other); the second unit's
    inspector recorded two problems at the contact's unit in January, one accepted (its page,
    with the rectification form), one waiting (the review list); February's form is open."""
    january, february = season.periods.get(order=1), season.periods.get(order=2)
    drawn(january, organiser, per_inspected=5, no_reciprocal=False)
    drawn(february, organiser, per_inspected=5, no_reciprocal=False)
    seat = inspector(season, subjects[1], organiser=organiser)
    people["inspector"] = seat.user
    pair = Pair.objects.get(draw__period=january, inspector=subjects[1], inspected=subjects[0])
    accepted, _c = record_problem(seat, pair, report(), [photo()], uuid.uuid4())
    review(accepted, organiser, accept=True)
    record_problem(seat, pair, report(place="二楼"), [photo((0, 0, 200))], uuid.uuid4())
    seat.refresh_from_db()
    return {
        "pair_pk": Pair.objects.get(
            draw__period=february, inspector=subjects[1], inspected=subjects[0]
        ).pk,
        "problem_pk": accepted.pk,
        "photo_pk": accepted.photos.get().pk,
        "inspector_token": seat.login_token,
    }


def page_urls(role: str, kwargs: dict) -> dict[str, str]:
    urls = {}
    for name, rule in ROUTES:
        if name in NOT_PAGES or role not in ALLOWED[rule]:
            continue
        for keys in ((), ("event_pk",), ("token",), ("event_pk", "appearance_pk"),
                     ("event_pk", "appearance_pk", "segment_pk"), ("event_pk", "judge_pk"),
                     ("event_pk", "award_pk"), ("season_pk",), ("season_pk", "period_pk"),
                     ("season_pk", "subject_pk"), ("season_pk", "job_pk"),
                     ("season_pk", "pair_pk"), ("season_pk", "problem_pk"),
                     ("season_pk", "problem_pk", "photo_pk")):  # fmt: skip
            try:
                urls[name] = reverse(name, kwargs={k: kwargs[k] for k in keys})
                break
            except NoReverseMatch:
                continue
    return urls


def log_in(context, live_server, user, judge_token):
    page = context.new_page()
    if user is None:
        return page
    if judge_token:
        page.goto(f"{live_server.url}/q/{judge_token}/")
        return page
    if user.username.startswith("inspector-"):  # a phone logged in by its seat's QR code
        seat = user.inspector_seats.get()
        page.goto(f"{live_server.url}/i/{seat.login_token}/")
        return page
    password_login(page, live_server.url, user)
    return page


@pytest.mark.parametrize(
    "role",
    ["anonymous", "judge", "viewer", "operator", "organiser", "subject contact", "inspector"],
)
def test_every_page_passes_axe_as_each_role(browser, live_server, contest, output_dir, role):
    event, people, kwargs, judge_token = contest
    axe = Axe()
    folder = output_dir / "pages" / role.replace(" ", "-")
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context()
    page = log_in(context, live_server, people[role], judge_token if role == "judge" else None)
    found, audited = [], []
    for name, path in page_urls(role, kwargs).items():
        answer = context.request.get(live_server.url + path)
        if answer.status != 200 or "text/html" not in answer.headers.get("content-type", ""):
            continue
        if not answer.url.endswith(path):
            continue  # sent elsewhere (a judge's live link, a finished step)
        if not answer.text().lstrip().lower().startswith("<!doctype"):
            continue  # a fragment the big screen or the control room polls into its page
        for size, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
            found += serious_problems(axe.run(page, options=OPTIONS).response, f"{name} ({size})")
        audited.append(name)
    assert audited, f"no page audited as {role}"
    assert not found, "\n".join(found)
