"""A crafted reply cannot hold receive_mail: the text is cut to a post's length, long lines are kept from the
quote detector, the detector has a time limit, and the whole command answers 75 when its own time is up."""

import email.message
import threading
import time

import pytest

from mail import inbound, limits, text
from mail.models import InboundMessage
from tests.mail.conftest import passed, reply_to, with_header
from topics.forms import MAX_POST_LENGTH
from topics.models import Post

pytestmark = pytest.mark.django_db


def reply(body: str, *, to: str, sender: str) -> bytes:
    message = email.message.EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, "Re: Alkoholverbote"
    message.set_content(body)
    return with_header(bytes(message), "Authentication-Results", passed(sender))


def replies(thread):
    return list(Post.objects.filter(thread=thread, is_opening=False))


def timed(run, raw: bytes) -> tuple[int, float]:
    started = time.perf_counter()
    status = run(raw)
    return status, time.perf_counter() - started


@pytest.mark.parametrize(
    "body",
    [
        "Danke!\nOn " + "a, " * 40_000,  # one line: the "On … wrote:" pattern took 241 s on 120 KB
        "Danke!\n" + "\n".join([("Am " + "a schrieb " * 20)[:200]] * 600),  # lines just short enough to be read
    ],
    ids=["one-long-line", "many-header-like-lines"],
)
def test_a_pathological_reply_of_120_kb_is_handled_within_seconds(receive_mail, thread, member, body):
    assert len(body) > 120_000
    status, seconds = timed(receive_mail, reply(body, to=reply_to(member, thread), sender=member.email))
    assert status == 0
    assert seconds < 5
    record = InboundMessage.objects.get()
    assert (record.outcome, record.reason) == (InboundMessage.Outcome.REFUSED, "told:too_long")
    assert replies(thread) == []


def test_a_long_quote_below_a_short_answer_is_still_cut(receive_mail, thread, member):
    body = "Danke, machen wir so!\n\nAm 30.11.26 um 08:15 schrieb DEFUS-Portal:\n> On " + "a, " * 20_000
    status, seconds = timed(receive_mail, reply(body, to=reply_to(member, thread), sender=member.email))
    assert (status, seconds < 5) == (0, True)
    assert [post.body for post in replies(thread)] == ["Danke, machen wir so!"]


def test_long_lines_are_posted_as_written(receive_mail, thread, member):
    paragraph = "Wir haben das Verbot 2024 eingeführt, " * 20  # one line of 760 characters, as HTML mail gives
    body = f"{paragraph.strip()}\n\nAm 30.11.26 um 08:15 schrieb DEFUS-Portal:\n> Wie machen Sie das?"
    assert receive_mail(reply(body, to=reply_to(member, thread), sender=member.email)) == 0
    assert [post.body for post in replies(thread)] == [paragraph.strip()]


@pytest.mark.parametrize("gap", ["", " " * 2000, "\n" * 2000], ids=["none", "spaces", "blank-lines"])
def test_a_reply_longer_than_a_post_is_refused_not_cut(receive_mail, thread, member, gap):
    # With a gap the text is cut where only whitespace is left to see: still too long, not a shorter post.
    body = "x" * (MAX_POST_LENGTH - 10) + gap + "und noch mehr Text"
    assert receive_mail(reply(body, to=reply_to(member, thread), sender=member.email)) == 0
    assert InboundMessage.objects.get().reason == "told:too_long"
    assert replies(thread) == []


def test_a_reply_as_long_as_a_post_above_a_quote_is_posted(receive_mail, thread, member):
    answer = ("Ein langer Bericht. " * 1000)[: MAX_POST_LENGTH - 1].strip()
    body = f"{answer}\n\nAm 30.11.26 um 08:15 schrieb DEFUS-Portal:\n> " + "Wie machen Sie das? " * 500
    assert receive_mail(reply(body, to=reply_to(member, thread), sender=member.email)) == 0
    assert [post.body for post in replies(thread)] == [answer]


class _Stuck:
    """A quote detector that never finishes, like the library's patterns on a hostile line."""

    def __init__(self, **kwargs):
        pass

    def read(self):
        while True:
            pass


def test_quote_detection_that_runs_out_of_time_keeps_the_text(receive_mail, thread, member, monkeypatch):
    monkeypatch.setattr(text, "EmailMessage", _Stuck)
    monkeypatch.setattr(text, "QUOTE_DETECTION_SECONDS", 0.2)
    body = "Gute Idee, wir schicken unsere Satzung.\n\n> Wie machen Sie das?"
    status, seconds = timed(receive_mail, reply(body, to=reply_to(member, thread), sender=member.email))
    assert (status, seconds < 3) == (0, True)
    assert [post.body for post in replies(thread)] == ["Gute Idee, wir schicken unsere Satzung."]


def test_receive_mail_answers_75_when_its_time_is_up_and_keeps_nothing(receive_mail, thread, member, settings):
    settings.INBOUND_TIME_LIMIT = 1
    raw = reply("Gute Idee.", to=reply_to(member, thread), sender=member.email)
    original = inbound.body_of

    def slow(message):
        time.sleep(30)  # a database or a parser that hangs
        return original(message)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(inbound, "body_of", slow)
        status, seconds = timed(receive_mail, raw)
    assert (status, seconds < 5) == (75, True)
    assert not InboundMessage.objects.exists()  # rolled back: the MTA's next try is not taken for a repeat
    assert receive_mail(raw) == 0
    assert [post.body for post in replies(thread)] == ["Gute Idee."]


def test_an_inner_limit_ends_only_its_own_block_and_an_outer_one_ends_both():
    with limits.time_limit(5) as outer:
        with limits.time_limit(0.1) as inner:
            time.sleep(2)
        assert inner.expired and not outer.expired
    went_on = []
    with limits.time_limit(0.1) as outer:
        with limits.time_limit(5) as inner:
            time.sleep(2)
        went_on.append(True)
    assert outer.expired and not inner.expired and went_on == []


def test_outside_the_main_thread_a_limit_is_not_enforced():
    seen = []

    def work():
        with limits.time_limit(0.01) as limit:
            time.sleep(0.05)
        seen.append((limit.enforced, limit.expired))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert seen == [(False, False)]
