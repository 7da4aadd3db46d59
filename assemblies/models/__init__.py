"""Members' meeting (Mitgliederversammlung), board meeting and their resolutions (Beschlüsse).

A meeting is also an event (place, online link, calendar). Its resolutions are voted
either in the meeting (the secretariat records each organisation's vote) or online by
the delegates within a window; a resolution without a meeting (Umlaufverfahren,
§ 32 Abs. 3 BGB) collects every member organisation's consent in text form.
Each vote is one row, unique per resolution and organisation (or board member), so the
database itself keeps "one vote per member organisation"; the rules live in services.py.
"""

from assemblies.models.convening import ConveningDelivery, ConveningNotice
from assemblies.models.meetings import AgendaItem, Meeting, default_quorum_percent
from assemblies.models.resolutions import ELECTABLE_ROLES, Candidate, Choice, Resolution
from assemblies.models.votes import Attendance, BallotCount, Consent, Proxy, Vote, VotingUnit

__all__ = [
    "ELECTABLE_ROLES",
    "AgendaItem",
    "Attendance",
    "BallotCount",
    "Candidate",
    "Choice",
    "Consent",
    "ConveningDelivery",
    "ConveningNotice",
    "Meeting",
    "Proxy",
    "Resolution",
    "Vote",
    "VotingUnit",
    "default_quorum_percent",
]
