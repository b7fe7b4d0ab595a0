"""The draw (抽签): who inspects whom, from a published commitment, reproducibly.

Pure — no Django, nothing of ours above it — so that anything assigning people to what they
look at (inspecting units to inspected ones now; judges to panels later) draws the same way.
``request.Request`` states the inputs and constraints, ``assign.draw`` makes the pairs from a
seed with the named, versioned algorithm (``ALGORITHM``), ``record`` commits to a seed before
the draw and checks a published draw afterwards."""

from common.draw.assign import ALGORITHM, Impossible, Reason, draw
from common.draw.request import Request

__all__ = ["ALGORITHM", "Impossible", "Reason", "Request", "draw"]
