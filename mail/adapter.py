"""The portal's allauth adapter: the members' sign-up policy (members.adapter), and allauth's own emails
(confirmation, password reset) sent with the portal's outgoing identity like every other email."""

from mail.identity import stamp
from members.adapter import AccountAdapter as MembersAccountAdapter


class AccountAdapter(MembersAccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        """They reach a bouncing address as well, since confirming it is how it recovers."""
        message = super().render_mail(template_prefix, email, context, headers=headers)
        stamp(message, even_if_bouncing=True)
        return message
