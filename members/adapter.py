"""allauth policy: sign-up is closed except through a valid invitation."""

from allauth.account.adapter import DefaultAccountAdapter

from members.selectors import invitation_from_session


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return invitation_from_session(request) is not None

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's own emails (confirmation, password reset) carry the portal's identity too (mail.identity);
        they reach a bouncing address as well, since confirming it is how it recovers."""
        from mail.identity import stamp

        message = super().render_mail(template_prefix, email, context, headers=headers)
        stamp(message, even_if_bouncing=True)
        return message
