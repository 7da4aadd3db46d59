"""Language selection: German unless the reader chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language. A German
association's portal starts in German for everyone; English is a choice:
kept in the member's profile when signed in, in a cookie for visitors.
"""

from django.conf import settings
from django.http import HttpResponseNotFound, QueryDict
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


def _supported(code: str | None) -> str | None:
    return code if code in dict(settings.LANGUAGES) else None


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        # A member's profile decides (the switch saves to it); visitors choose with the cookie.
        language = (
            (_supported(user.language) if signed_in else None)
            or _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
            or settings.LANGUAGE_CODE
        )
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class PrivatePagesMiddleware:
    """A page made for a signed-in person (the dashboard, a person's page, anything with their name in the
    header) is ``Cache-Control: private``: a shared cache (a proxy, a CDN) must never keep it for someone else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
        return response


class NulByteMiddleware:
    """A NUL byte is never part of a valid address or parameter, and PostgreSQL cannot even compare text
    with one: an address with one is "not found"; from query parameters it is removed (a filter still shows
    its page) – before any view turns it into a database error (a 500). Forms refuse it on their own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseNotFound()
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
