"""Who may read a circular in the archive: its audience (``circulars.selectors.readable_q``)."""

import rules

from circulars import selectors


@rules.predicate
def can_read_circular(user, circular):
    return circular is not None and selectors.circular_visible(user, circular)


rules.add_perm("circulars.read_circular", can_read_circular)
