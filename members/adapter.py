"""allauth policy: sign-up is closed except through a valid invitation; a confirmed change of address is audited."""

from allauth.account.adapter import DefaultAccountAdapter

from members.forms import invited_person_without_account
from members.selectors import invitation_from_session
from members.services import person_email_confirmed


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return invitation_from_session(request) is not None

    def confirm_email(self, request, email_address) -> bool:
        previous = email_address.user.email
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            person_email_confirmed(person=email_address.user, previous=previous)
        return confirmed

    def new_user(self, request):
        """Sign-up with an invitation for a person from the imported list completes that person's record."""

        invitation = invitation_from_session(request)
        person = invited_person_without_account(invitation) if invitation is not None else None
        return person if person is not None else super().new_user(request)
