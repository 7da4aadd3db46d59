"""Uploads are refused before they are read in full.

The documents' 20 MB limit (``DOCUMENT_MAX_BYTES``) is checked on the request as a whole before Django
reads the body (``UploadLimitMiddleware``, from the declared length), and again while the body streams in
(``SizeLimitUploadHandler``, for a length that lies or is missing). The reverse proxy should refuse
earlier still (``client_max_body_size`` in nginx, see the README).
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse
from django.utils.translation import gettext as _

# Room for the form's other fields and the multipart boundaries beside the file itself.
FORM_OVERHEAD = 1_000_000


def request_limit() -> int:
    return settings.DOCUMENT_MAX_BYTES + FORM_OVERHEAD


def too_large_response() -> HttpResponse:
    message = _("The upload is too large. At most %(max)s MB are allowed.") % {
        "max": settings.DOCUMENT_MAX_BYTES // 1_000_000
    }
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


class UploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > request_limit():
            return too_large_response()
        return self.get_response(request)


class SizeLimitUploadHandler(FileUploadHandler):
    """First of ``FILE_UPLOAD_HANDLERS``: stops reading once a file passes the request limit (a body longer
    than it declared, or sent without a length). Files just over ``DOCUMENT_MAX_BYTES`` are refused by the
    form with the size in the message."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > request_limit():
            if self.request is not None:
                self.request.upload_too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None
