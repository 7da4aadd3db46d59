"""The new text of an incoming reply: the body as plain text, without quotes, earlier messages and signatures.

Quote detection (mail-parser-reply) uses regular expressions that backtrack badly on hostile input: its
"On … wrote:" and "Am … schrieb …:" patterns take time that grows with the cube of a line's length, so one
60 KB line held receive_mail for 85 s. So the text is cut to a post's length first, lines too long to be a
reply header are hidden from the detector, and the detection runs with a time limit; when it runs out, the
text is kept as it came (only ``>`` quotes and separators are taken out).
"""

import logging
import re
from html.parser import HTMLParser

from mailparser_reply.parser import EmailMessage

from mail import limits

logger = logging.getLogger(__name__)

# Separators mail-parser-reply does not know (it knows English "Original Message" only). Spaces only, not
# newlines, around the dashes: ``\s*`` would try every run of blank lines from each line's start.
_SEPARATOR = re.compile(
    r"^[ \t]*-{2,}[ \t]*(Ursprüngliche Nachricht|Original-Nachricht|Weitergeleitete Nachricht|Original Message"
    r"|Forwarded message)[ \t]*-{2,}[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# Reply headers are short ("Am 30.11.26 um 08:15 schrieb Erika Muster <erika.muster@essen.example>:"); up to
# this length the detector's worst case stays near a second for a whole post, and longer lines are kept out.
DETECTED_LINE_LENGTH = 200
QUOTE_DETECTION_SECONDS = 3
_HIDDEN = "\uffff{}\uffff"  # a noncharacter (taken out of the text first), left alone by the detector
_HIDDEN_LINE = re.compile("\uffff(\\d+)\uffff")
_CUT = "\uffffcut\uffff"
_HEADER_ROOM = 1000  # after a post of full length, room for the header block of the message it answers
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "hr", "pre"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
_SKIPPED = {"script", "style", "head", "title", "blockquote"}


class _TextOf(HTMLParser):
    """HTML to plain text with Markdown for what survives the web form's sanitising: paragraphs, list items,
    links. Quoted blocks (blockquote) are the earlier messages and are left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping: list[str] = []  # open elements inside a left-out block
        self.href: str | None = None
        self.link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.skipping:
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag in _SKIPPED or "gmail_quote" in (attrs.get("class") or "").split():
            self.skipping.append(tag)
            return
        if tag in _BLOCKS:
            self.out.append("\n\n" if tag in {"p", "div", "table", "ul", "ol", "h1", "h2", "h3"} else "\n")
        if tag == "li":
            self.out.append("- ")
        if tag == "a" and (attrs.get("href") or "").startswith(("http://", "https://", "mailto:")):
            self.href, self.link_text = attrs["href"], []

    def handle_endtag(self, tag):
        if self.skipping:
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
            return
        if tag == "a" and self.href is not None:
            text = "".join(self.link_text).strip()
            self.out.append(f"[{text}]({self.href})" if text and text != self.href else self.href)
            self.href = None
        elif tag in _BLOCKS:
            self.out.append("\n")

    def handle_data(self, data):
        if self.skipping:
            return
        data = re.sub(r"\s+", " ", data)
        (self.link_text if self.href is not None else self.out).append(data)

    def text(self) -> str:
        lines = [line.strip() for line in "".join(self.out).splitlines()]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    return parser.text()


def _latest_reply(text: str) -> str:
    """mail-parser-reply's first reply, with the long lines hidden from it put back."""
    long_lines: list[str] = []

    def hide(line: str) -> str:
        if len(line) <= DETECTED_LINE_LENGTH:
            return line
        long_lines.append(line)
        return _HIDDEN.format(len(long_lines) - 1)

    shown = "\n".join(hide(line) for line in text.split("\n"))
    with limits.time_limit(QUOTE_DETECTION_SECONDS) as limit:
        replies = EmailMessage(text=shown, languages=["de", "en"], keep_hyphen_lists=True).read().replies
    if limit.expired:
        logger.warning("Quote detection gave up after %s s; the reply is kept as it came", limit.seconds)
        return text
    latest = replies[0].body if replies else shown
    return _HIDDEN_LINE.sub(lambda match: long_lines[int(match.group(1))], latest)


def new_text(text: str, *, max_length: int) -> str | None:
    """Only what the sender wrote now: cut at an earlier message's separator or header block, drop the
    signature and any remaining ``>`` quotes. None when the new text runs on past ``max_length`` and the room
    for a reply header after it: the rest is not looked at, and a mark where it was cut tells."""
    text = text.replace("\r\n", "\n").replace("\uffff", "")
    keep = max_length + _HEADER_ROOM
    cut, text = len(text) > keep, text[:keep]
    if match := _SEPARATOR.search(text):
        cut, text = False, text[: match.start()]
    latest = _latest_reply(f"{text}\n{_CUT}" if cut else text)
    if _CUT in latest:
        return None
    lines = [line for line in latest.splitlines() if not line.lstrip().startswith(">")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def body_of(message) -> tuple[str, bool]:
    """The plain text of a parsed message (HTML converted when there is no text part) and whether it has
    attachments."""
    attachments = any(
        part.get_content_disposition() == "attachment"
        or (part.get_filename() and part.get_content_maintype() not in {"text", "multipart"})
        for part in message.walk()
    )
    part = message.get_body(preferencelist=("plain",))
    if part is not None:
        return part.get_content(), attachments
    part = message.get_body(preferencelist=("html",))
    if part is not None:
        return html_to_text(part.get_content()), attachments
    return "", attachments
