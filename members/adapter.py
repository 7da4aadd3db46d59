"""allauth policy: sign-up is closed except through a valid invitation; a confirmed change of address is audited."""

from allauth.account.adapter import DefaultAccountAdapter

from members.selectors import invitation_from_session


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return invitation_from_session(request) is not None

    def confirm_email(self, request, email_address) -> bool:
        from members.services import person_email_confirmed

        previous = email_address.user.email
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            person_email_confirmed(person=email_address.user, previous=previous)
        return confirmed
