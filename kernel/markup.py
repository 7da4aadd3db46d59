"""User text: Markdown rendered, then sanitised with nh3 (an allow-list, never a deny-list)."""

import re

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
