"""Sign in as the demo member and print (JSON) what the main pages show: run in its own process, with
DATABASE_URL and MEDIA_ROOT pointing at the database under test (tests/operations/test_restore_drill.py).

For each page: the status, the headings and the links inside <main>; for the first library document the
member may download, a hash of its bytes (so the uploaded files are served from the restored MEDIA_ROOT).
"""

import hashlib
import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defus.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

PAGES = ["dashboard", "organisation_list", "bodies", "group_list", "library", "event_list", "my_data"]


class _Main(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links: list[str] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        if not self.depth:
            return
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href)
        if tag in {"h1", "h2", "h3"}:
            self._heading = []

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        if tag in {"h1", "h2", "h3"} and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)


def main() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    password = os.environ.get("DEMO_PASSWORD", "defus-demo")
    response = client.post(reverse("account_login"), {"login": "mitglied@defus.example", "password": password})
    if response.status_code != 302:
        raise SystemExit(f"sign-in failed: {response.status_code}")
    seen = {}
    downloads = []
    for name in PAGES:
        response = client.get(reverse(name))
        parser = _Main()
        parser.feed(response.content.decode())
        seen[name] = {"status": response.status_code, "headings": parser.headings, "links": parser.links}
        downloads += [int(m.group(1)) for link in parser.links if (m := re.fullmatch(r"/bibliothek/(\d+)/", link))]
    if downloads:
        url = reverse("document_download", args=[downloads[0]])
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        seen["download"] = {"url": url, "status": response.status_code, "sha256": hashlib.sha256(body).hexdigest()}
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == "__main__":
    main()
