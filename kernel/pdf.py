"""PDFs from templates, by WeasyPrint, reading only the portal's own static files.

WeasyPrint's URL fetcher here reads files below the static folder and refuses every other URL, so a name or
an address typed into a form cannot make the server load anything from another host (the same rule as the
certificates in events/certificates.py).
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string

STATIC_DIR = (Path(settings.BASE_DIR) / "static").resolve()


def _local_fetcher():
    from weasyprint.urls import URLFetcher

    class LocalStaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
            if path is None or not path.is_relative_to(STATIC_DIR):
                raise ValueError(f"Not fetched (only the portal's static files are): {url}")
            return super().fetch(url, headers)

    return LocalStaticFetcher(allowed_protocols={"file"}, allow_redirects=False)


# Tagged PDF (PDF/UA): a screen reader finds headings, tables and the reading order, the title (from <title>)
# and the language (from <html lang>). The default for every PDF the portal makes.
ACCESSIBLE = "pdf/ua-1"


def render_pdf(template: str, context: dict, *, variant: str = ACCESSIBLE) -> bytes:
    """``variant``: a PDF variant WeasyPrint knows; tagged PDF/UA unless a document needs another, e.g.
    ``"pdf/a-3b"`` for an archivable PDF that may carry attached files (an e-invoice)."""
    from weasyprint import HTML

    html = render_to_string(template, context)
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=_local_fetcher())
    return document.write_pdf(pdf_variant=variant)
