"""allauth policy: sign-up is closed except through a valid invitation."""

from allauth.account.adapter import DefaultAccountAdapter

from members.selectors import invitation_from_session


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return invitation_from_session(request) is not None
