"""How passwords are stored: Argon2id at OWASP's minimum parameters (issue 32).

Signing in was the heaviest request: PBKDF2 at Django 6.1's 1,500,000 iterations costs about 0.5 s of CPU per
sign-in, so on a members' meeting morning 60 delegates signing in at once queued behind each other on two cores.
Argon2id with 19 MiB of memory, 2 passes and 1 lane (OWASP Password Storage Cheat Sheet, the first of its
equivalent minimum configurations) costs about 30 ms of CPU here and resists GPU guessing by its memory, not by
its time. Django's own Argon2 defaults (100 MiB, 8 lanes) cost about 230 ms of CPU.

A PBKDF2 hash stored before still signs in (PBKDF2 stays in PASSWORD_HASHERS after this one) and is rewritten as
Argon2id at that sign-in, because Django re-encodes with the first hasher whenever another one verified.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Django's Argon2 hasher (Argon2id, the same "argon2" prefix) with OWASP's minimum parameters; a hash made
    with other parameters is rewritten at its next sign-in (``must_update`` compares them)."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
