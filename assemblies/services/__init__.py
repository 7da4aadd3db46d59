"""Changes to meetings and resolutions, by topic: meetings (invitation, attendance), proxies, votes,
resolutions (consents, results) and minutes.

Who may vote comes from assemblies.voting_rights (offices held that day); the rules of the vote live
here: one vote per member organisation (a unique constraint, and a row lock on the resolution so
concurrent votes queue up), the voting window, the proxy limit, the quorum and the required majority.
A result is computed once, frozen with its tally and never recomputed.

Callers import from ``assemblies.services``; the names below are its public face.
"""

from assemblies.services.convening import convening_proof, notice_send, notice_state, recipients
from assemblies.services.meetings import (
    attendance_record,
    invitation_deadline,
    meeting_invite,
    represented_in_meeting,
)
from assemblies.services.minutes import minutes_sign
from assemblies.services.proxies import may_withdraw_proxy, proxy_approve, proxy_grant, proxy_reject, proxy_withdraw
from assemblies.services.resolutions import close_due_ballots, consent_declare, decide, resolution_close
from assemblies.services.votes import room_voting_rights, secret_ballot_record, vote_cast, votes_record
from assemblies.voting_rights import VotingRight, board_members, entitled_count, entitled_organisations, voting_rights

__all__ = [
    "VotingRight",
    "attendance_record",
    "board_members",
    "close_due_ballots",
    "consent_declare",
    "convening_proof",
    "decide",
    "entitled_count",
    "entitled_organisations",
    "invitation_deadline",
    "may_withdraw_proxy",
    "meeting_invite",
    "minutes_sign",
    "notice_send",
    "notice_state",
    "proxy_approve",
    "proxy_grant",
    "proxy_reject",
    "proxy_withdraw",
    "recipients",
    "represented_in_meeting",
    "resolution_close",
    "room_voting_rights",
    "secret_ballot_record",
    "vote_cast",
    "votes_record",
    "voting_rights",
]
