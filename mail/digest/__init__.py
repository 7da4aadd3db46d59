"""The weekly digest: when it is due (schedule), what it says (compose), how it goes out once (sending),
and how one click stops it (links). Each app contributes a section in its own ``digest.py``; the
secretariat's note is ``compose.SecretariatNote``."""
