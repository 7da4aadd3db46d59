"""Shared test helpers."""

from html.parser import HTMLParser

DANGEROUS_TAGS = {"script", "iframe", "svg", "style", "object", "embed", "math", "base", "form"}


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.found.append(f"{tag}[{name}={value}]")


def active_markup(html: str) -> list[str]:
    """Elements and attributes in ``html`` that could run code (escaped text does not count)."""
    finder = _Finder()
    finder.feed(html)
    return finder.found


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def count_queries(client, url) -> int:
    """How many database queries one GET of ``url`` takes (the page must answer 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def pinned_clock(moment):
    """An autouse fixture for a module whose tests travel to fixed dates: its people, offices and groups are
    made at ``moment`` (before those dates) rather than today, so the tests pass whatever day they run.
    Assign it in the module: ``_clock = pinned_clock(...)``."""
    import pytest
    import time_machine

    @pytest.fixture(autouse=True)
    def _pinned_clock():
        with time_machine.travel(moment, tick=True):
            yield

    return _pinned_clock
