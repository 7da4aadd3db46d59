"""User text: Markdown rendered, then sanitised with nh3 (an allow-list, never a deny-list); and the same text
readable as plain text for an email's text part (no ``**``, links written out)."""

import html as html_lib
import re
from html.parser import HTMLParser

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a",
    "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
LINK_REL = "noopener noreferrer nofollow"
_EMPTY_LINK = re.compile(rf'<a rel="{LINK_REL}">(.*?)</a>', re.DOTALL)


def render_markdown(text: str) -> str:
    # Raw HTML in the source is escaped by nh3 below; headings start at h3 so a post never
    # competes with the page's own h1/h2 structure.
    html = markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>").replace("<h2>", "<h4>").replace("</h2>", "</h4>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
    )
    # A link whose target was removed (javascript:, data:) keeps only its text.
    return _EMPTY_LINK.sub(r"\1", clean)


class _PlainText(HTMLParser):
    """The rendered Markdown as readable plain text: paragraphs apart, list items with "–" (or their number),
    a link as "text (address)", emphasis and code without marks, table cells apart by " | "."""

    BLOCKS = {"p", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.lists, self.href, self.link_text = [], [], None, ""

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.out.append("\n\n")
        if tag in ("ul", "ol"):
            self.lists.append(0 if tag == "ol" else None)
        elif tag == "li":
            number = self.lists[-1] if self.lists else None
            if number is not None:
                self.lists[-1] = number = number + 1
            self.out.append("\n" + "  " * max(len(self.lists) - 1, 0) + (f"{number}. " if number else "– "))
        elif tag in ("br", "tr"):
            self.out.append("\n")
        elif tag in ("td", "th") and self.out and not self.out[-1].endswith("\n"):
            self.out.append(" | ")
        elif tag == "a":
            self.href, self.link_text = dict(attrs).get("href"), ""
        elif tag == "hr":
            self.out.append("———")

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag == "a" and self.href:
            if self.href.removeprefix("mailto:") != self.link_text.strip():
                self.out.append(f" ({self.href.removeprefix('mailto:')})")
            self.href = None
        if tag in self.BLOCKS:
            self.out.append("\n\n")

    def handle_data(self, data):
        if not data.strip() and "\n" in data:
            return  # the line breaks between the HTML's own tags
        if self.href:
            self.link_text += data
        self.out.append(data)

    def text(self) -> str:
        joined = "".join(self.out)
        joined = re.sub(r"[ \t]+\n", "\n", joined)
        return re.sub(r"\n{3,}", "\n\n", joined).strip()


def markdown_as_text(text: str) -> str:
    """``text`` (Markdown) for an email's plain-text part: what the HTML part shows, without Markdown's marks."""
    parser = _PlainText()
    parser.feed(render_markdown(text))
    parser.close()
    return html_lib.unescape(parser.text())
