"""Public pages, the dashboard, language switch, health check and error pages."""

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from defus import selectors
from operations.selectors import backup_status
from publicsite.views import accessibility_statement

PUBLIC_PAGES = ("home", "impressum", "datenschutz")


def _page(name):
    @login_not_required
    def view(request):
        # Long legal texts are written per language rather than as message strings.
        language = get_language() if get_language() in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        return render(request, f"pages/{language}/{name}.html", {"page": name})

    view.__name__ = name
    return view


home, impressum, datenschutz = (_page(name) for name in PUBLIC_PAGES)
# The accessibility statement carries the feedback form whose messages land on the secretariat's desk.
barrierefreiheit = accessibility_statement


def dashboard(request):
    return render(request, "dashboard.html", selectors.dashboard_for(user=request.user))


@login_not_required
@require_POST
def switch_language(request):
    """Django's set_language, plus: a signed-in member keeps the choice in the profile."""
    response = set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES) and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


def _broker_state() -> str:
    if not settings.REDIS_URL:
        return "in-process"

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError:
        return "unavailable"
    return "ok"


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return "unavailable"
    return "ok"


def _backup_state() -> str:
    try:
        return backup_status()
    except Exception:
        return "unknown"


@login_not_required
@never_cache
def healthz(request):
    state = {"database": _database_state(), "broker": _broker_state()}
    healthy = state["database"] == "ok" and state["broker"] != "unavailable"
    # A warning only: a missing backup does not make the portal unable to serve (the status code stays).
    state["backup"] = _backup_state() if state["database"] == "ok" else "unknown"
    return JsonResponse({"status": "ok" if healthy else "degraded", **state}, status=200 if healthy else 503)


@login_not_required
def error_404(request, exception):
    return render(request, "errors/404.html", status=404)


@login_not_required
def error_403(request, exception):
    return render(request, "errors/403.html", status=403)


@login_not_required
def error_500(request):
    # Rendered without a request context: the database or the session may be what failed.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
