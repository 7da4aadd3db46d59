"""PDF with WeasyPrint that never fetches from another host: only the portal's own static files are served."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

from kernel.pdf import ACCESSIBLE


class ForbiddenFetch(ValueError):
    pass


def _static_file(url: str) -> tuple[str, bytes]:
    path = unquote(urlsplit(url).path)
    if url.startswith(("http:", "https:", "ftp:", "//")) or not path.startswith(settings.STATIC_URL):
        raise ForbiddenFetch(f"not fetched: {url}")
    relative = path.removeprefix(settings.STATIC_URL)
    if ".." in relative.split("/"):
        raise ForbiddenFetch(f"not a static file: {url}")
    found = finders.find(relative)
    if not found:
        raise ForbiddenFetch(f"no such static file: {relative}")
    return url, Path(found).read_bytes()


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalStaticFetcher(URLFetcher):
        """Serves ``/static/…`` (as a path or under file:) from the static files; refuses everything else."""

        def fetch(self, url, headers=None):
            url, body = _static_file(url)
            return URLFetcherResponse(url=url, body=body)

    return LocalStaticFetcher()


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    # base_url "/" keeps relative static URLs as paths; the fetcher serves them from disk.
    return HTML(string=html, base_url="file:///", url_fetcher=_fetcher()).write_pdf(pdf_variant=ACCESSIBLE)
