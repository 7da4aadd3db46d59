"""Who may see, convene, vote, record and sign, as `rules` predicates built on the bylaws.

Views and templates ask ``user.has_perm("assemblies.…", obj)``; the offices behind each
right come from members.bylaws only.
"""

import rules
from django.utils import timezone

from assemblies import voting_rights
from assemblies.policies import visible_meetings
from members import bylaws
from members.bylaws import is_board_or_secretariat, is_secretariat

# Who sees which meeting is the policy ``assemblies.policies.visible_meetings`` (``assemblies.see_meeting``).


@rules.predicate
def can_see_resolution(user, resolution):
    if resolution is None:
        return False
    if resolution.meeting_id is None:
        return bylaws.has_member_access(user)
    return visible_meetings.check(user, resolution.meeting)


@rules.predicate
def may_convene(user, meeting):
    return meeting is not None and is_board_or_secretariat(user)


@rules.predicate
def not_yet_invited(user, meeting):
    return meeting is not None and meeting.invitation_sent_at is None and meeting.event.start > timezone.now()


@rules.predicate
def signs_minutes(user, meeting):
    return meeting is not None and user.pk is not None and user.pk in {meeting.chair_id, meeting.minute_taker_id}


@rules.predicate
def minutes_signed(user, meeting):
    return meeting is not None and meeting.minutes_signed


@rules.predicate
def members_meeting(user, meeting):
    return meeting is not None and not meeting.is_board_meeting


@rules.predicate
def has_vote_to_cast(user, resolution):
    return (
        resolution is not None
        and resolution.window_is_open()
        and bool(voting_rights.voting_rights(resolution=resolution, person=user))
    )


@rules.predicate
def awaits_consent(user, resolution):
    if resolution is None or resolution.procedure != "without_meeting" or not resolution.window_is_open():
        return False
    organisations = voting_rights.delegated_organisation_ids(user)
    return bool(organisations) and not resolution.consents.filter(organisation_id__in=organisations).exists()


@rules.predicate
def is_recorded_in_meeting(user, resolution):
    return resolution is not None and resolution.procedure == "in_meeting" and not resolution.is_frozen


@rules.predicate
def is_open_for_counting(user, resolution):
    return resolution is not None and not resolution.is_frozen


@rules.predicate
def may_prepare(user, meeting):
    """A new meeting (``meeting`` None), or one that has not begun, prepared by the board or secretariat."""
    if not (bylaws.has_member_access(user) and is_board_or_secretariat(user)):
        return False
    return meeting is None or (visible_meetings.check(user, meeting) and meeting.event.start > timezone.now())


@rules.predicate
def invited_not_begun(user, meeting):
    return meeting is not None and meeting.invitation_sent_at is not None and meeting.event.start > timezone.now()


rules.add_perm("assemblies.prepare_meeting", may_prepare)
rules.add_perm("assemblies.supplement_agenda", visible_meetings.predicate & may_convene & invited_not_begun)
rules.add_perm("assemblies.see_resolution", can_see_resolution)
rules.add_perm("assemblies.convene_meeting", visible_meetings.predicate & may_convene & not_yet_invited)
# The secretariat keeps the attendance list and the proxies received on paper, records the votes
# cast in the room and closes the count.
rules.add_perm("assemblies.run_meeting", visible_meetings.predicate & is_secretariat)


@rules.predicate
def takes_proxies(user, meeting):
    return meeting is not None and meeting.takes_proxies()


rules.add_perm(
    "assemblies.grant_proxy",
    visible_meetings.predicate & members_meeting & takes_proxies & (voting_rights.is_delegate | is_secretariat),
)
rules.add_perm(
    "assemblies.read_minutes", visible_meetings.predicate & (minutes_signed | signs_minutes | is_secretariat)
)
# Who signs; whether a signature is still due is the meeting's state (Meeting.signatures_due), asked by the
# button and refused by the service, so a second click reads why and never meets a 403.
rules.add_perm("assemblies.sign_minutes", visible_meetings.predicate & signs_minutes)
rules.add_perm("assemblies.cast_vote", can_see_resolution & has_vote_to_cast)
rules.add_perm("assemblies.declare_consent", can_see_resolution & awaits_consent)
rules.add_perm("assemblies.record_votes", can_see_resolution & is_secretariat & is_recorded_in_meeting)
rules.add_perm("assemblies.close_resolution", can_see_resolution & is_secretariat & is_open_for_counting)
# The secretariat checks a voter's receipt code against the votes recorded (assemblies.receipts).
rules.add_perm("assemblies.check_receipt", can_see_resolution & is_secretariat)
