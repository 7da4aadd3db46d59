"""What a digest section is made of, below every app: the batch of readers it is composed for and the part it
says to one of them. Sections are declared as ``digest_sections`` on their app's AppConfig (kernel/contributions.py)
and composed by ``mail.digest.compose``; what several sections read (offices, group memberships, follows) is loaded
for the whole batch (the Viewer's facts, ``kernel.viewer.prime``; follows by the ``digest_primers`` the apps
declare), before any section.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from kernel.digest_schedule import Period


@dataclass
class Batch:
    period: Period
    people: list  # members.models.User
    now: datetime.datetime = field(default_factory=timezone.now)
    # Each person's followed working groups (filled by topics.digest.prime_batch).
    follows: dict[int, set[int]] = field(default_factory=dict)

    @property
    def followed_group_ids(self) -> set[int]:
        return set().union(*self.follows.values()) if self.follows else set()


@dataclass
class Part:
    key: str  # names the templates emails/digest/_<key>.html and .txt
    title: str
    data: dict
    # Parts with equal signatures read the same (in one language): rendered once per batch, not per reader.
    signature: tuple | None = None


# An email is read, not searched: each list shows this many lines and then says how many more
# there are, with a link to the page that has them all (never a silent cut).
LINES_PER_LIST = 5


def capped(lines: list, limit: int = LINES_PER_LIST) -> dict:
    return {"lines": lines[:limit], "more": max(0, len(lines) - limit)}
