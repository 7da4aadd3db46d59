"""Time limits for handling one incoming message: a hostile message must not hold the MTA's pipe for minutes.

The limit is a SIGALRM timer. Its handler raises inside whatever runs, and that includes a regular expression
that backtracks, since the re module checks for signals while it matches; a thread with a timeout could not
stop one. Signals reach only the main thread (receive_mail, a Celery prefork or solo worker): elsewhere a
limit is not enforced, and the input caps of the caller (mail.text) are what bounds the time.

Limits nest: the one inside (quote detection) runs within the one outside (the whole message); the earliest
deadline fires, and a block that runs out of its own time is left quietly (``limit.expired`` tells), while
an outer limit's expiry goes on up to the block that set it.
"""

import contextlib
import logging
import signal
import threading
import time

logger = logging.getLogger(__name__)


class TimeLimitExceeded(BaseException):
    """A BaseException, like KeyboardInterrupt: no ``except Exception`` on the way swallows it."""

    def __init__(self, limit: "Limit"):
        super().__init__(f"time limit of {limit.seconds} s exceeded")
        self.limit = limit


class Limit:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.expired = False
        self.enforced = False


_active: list[Limit] = []  # outermost first; only the main thread touches it


def _arm() -> None:
    if _active:
        remaining = min(limit.deadline for limit in _active) - time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.001))
    else:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _on_alarm(signum, frame) -> None:
    now = time.monotonic()
    for limit in _active:  # the outermost that ran out: its whole block is over
        if limit.deadline <= now:
            limit.expired = True
            raise TimeLimitExceeded(limit)
    _arm()  # woken early (another timer's remainder): sleep on


def _can_enforce() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float):
    """Stop the block after ``seconds``: its own expiry ends it quietly with ``limit.expired`` set."""
    limit = Limit(seconds)
    if not _can_enforce():
        logger.debug("Time limit of %s s not enforced outside the main thread", seconds)
        yield limit
        return
    limit.enforced = True
    outermost = not _active
    if outermost:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
    _active.append(limit)
    _arm()
    try:
        yield limit
    except TimeLimitExceeded as exc:
        if exc.limit is not limit:
            raise
    finally:
        _active.remove(limit)
        _arm()
        if outermost:
            signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
