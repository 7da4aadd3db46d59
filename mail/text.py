"""The new text of an incoming reply: the body as plain text, without quotes, earlier messages and signatures."""

import re
from html.parser import HTMLParser

from mailparser_reply.parser import EmailMessage

# Separators mail-parser-reply does not know (it knows English "Original Message" only).
_SEPARATOR = re.compile(
    r"^\s*-{2,}\s*(Ursprüngliche Nachricht|Original-Nachricht|Weitergeleitete Nachricht|Original Message"
    r"|Forwarded message)\s*-{2,}\s*$",
    re.IGNORECASE | re.MULTILINE,
)
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


def new_text(text: str) -> str:
    """Only what the sender wrote now: cut at an earlier message's separator or header block, drop the
    signature and any remaining ``>`` quotes."""
    text = text.replace("\r\n", "\n")
    if match := _SEPARATOR.search(text):
        text = text[: match.start()]
    replies = EmailMessage(text=text, languages=["de", "en"], keep_hyphen_lists=True).read().replies
    latest = replies[0].body if replies else text
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
