"""A person whose address bounces is told at sign-in; confirming the address again lifts the stop."""

from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from mail import health


@receiver(user_logged_in)
def tell_about_bounces(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        if health.is_suppressed(health.person_for(user.email) or user):
            request.session["mail_bounce_notice"] = True
        else:
            request.session.pop("mail_bounce_notice", None)


@receiver(email_confirmed)
def address_confirmed(sender, request, email_address, **kwargs):
    health.address_confirmed(person=email_address.user)
    if request is not None and hasattr(request, "session"):
        request.session.pop("mail_bounce_notice", None)
