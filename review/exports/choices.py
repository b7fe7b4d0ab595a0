"""The choices a recount has to make, stated once for the workbook's 说明 (docs/scoring.md
lists the same, each with its test)."""

from django.utils.translation import gettext_lazy

#: (question, answer); an answer may name the display precision as ``%(p)s``.
CHOICES = (
    (
        gettext_lazy("Half up, negatives"),
        gettext_lazy(
            "Half up means half away from zero, as Excel's ROUND: −1.7875 at 3 decimals is −1.788 "
            "(an adjustment can make a score negative)."
        ),
    ),
    (
        gettext_lazy("A “sum” panel"),
        gettext_lazy(
            "The panel's result is the sum of every counted sheet: nothing dropped, not divided."
        ),
    ),
    (
        gettext_lazy("“No result” with too few sheets"),
        gettext_lazy(
            "Only a panel that drops a fixed number at each end can have too few sheets (fewer than"
            " twice that number plus one); it then gives no result, or the plain mean of all, as "
            "the panel says. A mean, median, sum or dropping by panel size always has one."
        ),
    ),
    (
        gettext_lazy("Rounding each stage"),
        gettext_lazy(
            "With “round each published stage”, every panel result, segment score and round score "
            "is rounded half up at %(p)s decimals before the next stage uses it; an adjusted round "
            "score is rounded again and carried rounded."
        ),
    ),
    (
        gettext_lazy("A weighted final"),
        gettext_lazy(
            "Σ round weight × round score, at the event's precision (%(p)s decimals), whatever a "
            "round's own precision; only the last round's appearances are ranked — a contestant "
            "eliminated earlier has no final score; a round nobody reached is left out."
        ),
    ),
    (
        gettext_lazy("Ties in a round of segments"),
        gettext_lazy(
            "Equal round scores are ranked by the event's tie-break chain, each compared at the "
            "shown precision; still equal, they share the rank (1, 2, 2, 4)."
        ),
    ),
    (
        gettext_lazy("Award shares"),
        gettext_lazy(
            "A share (15 %%) is of every ranked appearance of the round, not of those the higher "
            "tiers left; rounded down (“at most”) or half up, as the tier says."
        ),
    ),
    (
        gettext_lazy("A minimum score"),
        gettext_lazy("A tier by minimum score takes every score at or above it (≥)."),
    ),
    (
        gettext_lazy("A tie at a tier's last place"),
        gettext_lazy(
            "Judged on the shown score (all tied get the higher tier, or the organiser picks), or "
            "on the rank after the tie-break chain, as the tier says; undecided, the tier and every"
            " later one are provisional."
        ),
    ),
    (
        gettext_lazy("Who may win a 单项奖"),
        gettext_lazy(
            "Any ranked appearance of the round with a value above 0, less an earlier "
            "单项奖's winner (“one each”) and the tiers' winners where the award says so. "
            "A criterion 单项奖 is the mean of that criterion as given over every counted "
            "sheet, dropped ones included."
        ),
    ),
    (
        gettext_lazy("Advancing by percentage"),
        gettext_lazy(
            "Places = the percentage of the round's ranked field, rounded half up (50 %% of 5 = 2.5"
            " → 3); a tie across the cut is settled by the organiser."
        ),
    ),
    (
        gettext_lazy("A count rule's steps"),
        gettext_lazy(
            "Counted items above the base earn points per whole step (step 2: 5 more items are 2 "
            "steps); over-time steps are started steps (5:30.5 over 5:00 with 30 s steps is 2)."
        ),
    ),
    (
        gettext_lazy("获奖名单 while a tie is open"),
        gettext_lazy(
            "The sheet lists what is decided, marked provisional: a place still tied is not listed."
        ),
    ),
)


def recount_choices(places: int) -> list[list[str]]:
    return [[str(question), str(answer) % {"p": places}] for question, answer in CHOICES]
