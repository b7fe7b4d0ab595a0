"""The models, one module per part of the product: ``core`` (the contest tree, sheets, people,
audit), ``awards`` (tiers, 单项奖, frozen results), ``vote`` (the audience vote), ``stage``
(adjustments and the stage clock). Everything is importable from ``review.models``."""

from review.models.awards import (  # noqa: F401
    AwardPick,
    AwardTier,
    FrozenAward,
    Nomination,
    SpecialAward,
)
from review.models.core import *  # noqa: F403
from review.models.core import first_round, first_segment, new_event_code, scoring_open  # noqa: F401
from review.models.stage import Adjustment, AdjustmentRule, StageClock  # noqa: F401
from review.models.vote import AudiencePoll, AudienceVote, TicketMiss, VoteTicket  # noqa: F401
