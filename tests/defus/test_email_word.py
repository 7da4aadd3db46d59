"""German pages say "E-Mail", the account pages of django-allauth too (its catalogue writes "Email" in places;
locale_overrides corrects them) (issue 28)."""

import re
from pathlib import Path

import allauth
from django.utils import translation

ALLAUTH_PO = Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po"
WRONG = re.compile(r"(?<![-\w])(Email|EMail|eMail|E-mail)\b")


def _msgids() -> list[str]:
    text = ALLAUTH_PO.read_text(encoding="utf-8")
    active = "\n".join(line for line in text.splitlines() if not line.startswith("#~"))
    msgids = re.findall(r'^msgid "(.+)"$', active, re.MULTILINE)
    return [msgid for msgid in msgids if "email" in msgid.lower()]


def test_every_allauth_text_about_email_says_e_mail_in_german():
    msgids = _msgids()
    assert len(msgids) > 20  # the catalogue was read
    with translation.override("de"):
        wrong = {msgid: translation.gettext(msgid) for msgid in msgids if WRONG.search(translation.gettext(msgid))}
    assert wrong == {}
