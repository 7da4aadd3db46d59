"""Which field names hold secrets (password hashes, invitation and feed tokens, TOTP secrets, keys).

The admin refuses to filter or search by them, and the audit log never copies them.
Flags such as ``is_secret`` (a secret ballot) say whether something is secret and hold none.
"""

import re

_SECRET_NAME = re.compile(r"password|passwd|token|secret|salt|hash|otp|recovery|session_(key|data)|(^|_)key$")


# Official identifiers that end in "key" and are public by law (Amtlicher Gemeindeschlüssel).
_PUBLIC_KEYS = {"municipality_key"}


def is_secret_name(name: str) -> bool:
    name = name.lower()
    return not name.startswith("is_") and name not in _PUBLIC_KEYS and bool(_SECRET_NAME.search(name))
