"""One way to send email: template triplets rendered in the reader's language.

Each email lives in ``templates/emails/<name>/`` as ``subject.txt``,
``body.txt`` and ``body.html``. Links in emails must be absolute, so every
template gets ``site_url``; ``absolute_url`` builds one from a path.
Every message gets the portal's identity (``mail.identity.stamp``, declared as ``email_stamp`` by mail): Message-ID,
threading headers, personal Reply-To and bounce address; a recipient whose
address bounces is dropped there.

A letter's body extends ``emails/_layout.txt`` / ``emails/_layout.html``, which open it with the one
salutation of ``recipient`` and close it with the one sign-off and footer (``kernel.letters``).
``recipient`` is the person the email is addressed to: the context's own ``recipient`` when the caller
names one (``None``: nobody by name), else ``person``, else the person whose address ``to`` is.
Official post (``official=True``) comes from ``OFFICIAL_FROM_EMAIL``, the secretariat, and replies go there.
"""

import email.policy
import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

from kernel.contributions import contributed


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def render_text(template_name: str, context: dict) -> str:
    """A plain-text template: nothing is HTML-escaped (an apostrophe stays ', not &#x27;).

    The text part and the subject are never read as HTML, so escaping there only garbles names and titles.
    """
    return get_template(template_name).template.render(Context(context, autoescape=False))


def render_email(name: str, context: dict, *, language: str) -> tuple[str, str, str]:
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_text(f"emails/{name}/subject.txt", context)
        text = render_text(f"emails/{name}/body.txt", context)
        html = render_to_string(f"emails/{name}/body.html", {**context, "language": language})
    # A subject is one line, and the text has no runs of blank lines, whatever the templates' whitespace.
    return " ".join(subject.split()), re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text).strip() + "\n", html


class PortalEmail(EmailMultiAlternatives):
    """Header lines may be up to 998 characters (RFC 5322 2.1.1). With the usual 78, Python encodes a long
    unbroken value such as a List-Unsubscribe URL as an RFC 2047 word, which mail clients do not recognise."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def _holder(address: str):
    """The person holding ``address``, asked of the app that declares ``email_recipient`` (the mail path)."""
    for find in contributed("email_recipient"):
        return find(address)
    return None


def build_email(
    name: str,
    *,
    to: str,
    context: dict,
    language: str,
    headers: dict | None = None,
    person=None,
    thread_id: int | None = None,
    reply_as=None,
    even_if_bouncing: bool = False,
    official: bool = False,
) -> EmailMultiAlternatives:
    """``person``: the holder of the address ``to``, when the caller has it (saves a query); ``thread_id``: the
    discussion the email is about (threading headers); ``reply_as``: whose reply address the email carries;
    ``even_if_bouncing``: only for the link that confirms a bouncing address again; ``official``: official post
    of the association (circulars, meeting invitations, receipts, notices), from the secretariat's address."""

    person = person if person is not None else _holder(to)
    context = {"recipient": person, **context}
    subject, text, html = render_email(name, context, language=language)
    from_email = settings.OFFICIAL_FROM_EMAIL if official else settings.DEFAULT_FROM_EMAIL
    message = PortalEmail(subject=subject, body=text, from_email=from_email, to=[to], headers=headers or {})
    if official:
        # Replies to official post land with the secretariat, never in a discussion or an unread mailbox.
        message.reply_to = [settings.OFFICIAL_FROM_EMAIL]
    message.attach_alternative(html, "text/html")
    for stamp in contributed("email_stamp"):
        stamp(message, person=person, thread_id=thread_id, reply_as=reply_as, even_if_bouncing=even_if_bouncing)
    return message


def send_email(name: str, *, to: str, context: dict, language: str, headers: dict | None = None, **identity) -> None:
    build_email(name, to=to, context=context, language=language, headers=headers, **identity).send()
