"""One voice in every letter: how the portal addresses a person and says who writes.

Every email addressed to a person opens, after at most a subject line (as in a DIN 5008 letter), with
``salutation(recipient)``: "Sehr geehrte Frau Dr. Müller," when the Anrede is known, otherwise
"Guten Tag Erika Müller," (or "Guten Tag," without a name); in English "Dear Ms Dr Müller," and
"Hello Erika Müller,". It closes with one sign-off (``emails/_signature.*``) and one footer with the
association's name, postal address and register entry (``footer_lines``, from ``settings.IMPRESSUM``).
The layouts ``emails/_layout.html`` and ``emails/_layout.txt`` place all three; no email template writes a
greeting of its own (``GREETING`` finds one, and a test looks for it in every template).
"""

import re

from django.conf import settings
from django.utils.translation import get_language, pgettext

# Forms of address as the member list writes them (the import takes the column "Anrede" as it comes).
_MS = {"frau", "fr", "ms", "mrs", "miss"}
_MR = {"herr", "hr", "mr"}

# A line that greets: what a template or a circular's text must not start with, since the portal greets.
GREETING = re.compile(
    r"^\W*(hello|hallo|hi|dear|liebe[rs]?|sehr geehrte[rs]?|guten (tag|morgen|abend)|moin|servus)\b",
    re.IGNORECASE,
)


def form_of_address(value: str) -> str:
    """ "Frau", "Herr" or "" for whatever spelling the Anrede was stored in ("Fr.", "Mr", "HERR" …)."""
    key = (value or "").strip().rstrip(".").lower()
    if key in _MS:
        return "Frau"
    if key in _MR:
        return "Herr"
    return ""


def _title(recipient) -> str:
    title = " ".join((getattr(recipient, "title", "") or "").split())
    if title and not (get_language() or "de").startswith("de"):
        # English writes academic titles without full stops ("Dr", "Prof Dr"), as British letters do.
        title = " ".join(title.replace(".", " ").split())
    return title


def _full_name(recipient) -> str:
    if hasattr(recipient, "get_full_name"):
        return recipient.get_full_name()
    return " ".join((getattr(recipient, "name", "") or "").split())  # a guest: one name as typed


def salutation(recipient) -> str:
    """The opening line for ``recipient`` in the active language; ``None`` (nobody known by name) gets the
    greeting without a name. ``recipient`` is a person (``members.User``) or anything with ``name``."""
    if recipient is None:
        return pgettext("letter salutation", "Hello,")
    title = _title(recipient)
    last_name = " ".join((getattr(recipient, "last_name", "") or "").split())
    form = form_of_address(getattr(recipient, "salutation", ""))
    if form and last_name:
        name = f"{title} {last_name}".strip()
        if form == "Frau":
            return pgettext("letter salutation", "Dear Ms %(name)s,") % {"name": name}
        return pgettext("letter salutation", "Dear Mr %(name)s,") % {"name": name}
    name = " ".join(part for part in (title, _full_name(recipient)) if part)
    if not name:
        return pgettext("letter salutation", "Hello,")
    return pgettext("letter salutation", "Hello %(name)s,") % {"name": name}


def footer_lines() -> list[str]:
    """The association as the Impressum names it: name, postal address, register entry (empty parts left out)."""
    impressum = settings.IMPRESSUM
    postcode_city = " ".join(part for part in (impressum.get("postcode", ""), impressum.get("city", "")) if part)
    address = ", ".join(part for part in (impressum.get("street", ""), postcode_city) if part)
    register = ", ".join(
        part for part in (impressum.get("register_court", ""), impressum.get("register_number", "")) if part
    )
    lines = [impressum.get("name", ""), address]
    if register:
        lines.append(pgettext("letter footer", "Register of associations: %(entry)s") % {"entry": register})
    return [line for line in lines if line]
