"""Who may read a circular in the archive: its audience, the policy ``circulars.selectors.readable_circulars``,
which registers the permission ``circulars.read_circular`` itself."""

from circulars import selectors  # noqa: F401  (registers the rule)
