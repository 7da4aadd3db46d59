"""A PostgreSQL connection dropped under the portal: a clean error page, then business as usual.

Requests go through Django's WSGI handler itself (not the test client, which skips the
connection housekeeping a real server does at the start and end of every request).
"""

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from defus import selectors

pytestmark = pytest.mark.django_db(transaction=True)


def _drop_portal_connection() -> None:
    """What a database restart or an idle-connection killer does: end the backend from outside."""
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        assert other.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]


@pytest.fixture
def serve(member):
    """GET a path as ``member`` through the WSGI handler: (status, html)."""
    client = Client()
    client.force_login(member)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    handler = WSGIHandler()

    def get(path: str) -> tuple[int, str]:
        environ = RequestFactory().get(path).environ
        environ["HTTP_COOKIE"] = cookie
        status = []
        response = handler(environ, lambda line, headers, exc_info=None: status.append(int(line.split()[0])))
        try:
            body = b"".join(response).decode()
        finally:
            response.close()  # request_finished: Django closes a broken connection here
        return status[0], body

    return get


def test_a_connection_dropped_mid_request_shows_the_error_page_and_the_next_request_works(serve, postgres, monkeypatch):
    dashboard = reverse("dashboard")
    assert serve(dashboard)[0] == 200
    real = selectors.dashboard_for
    drops = []

    def dropping_dashboard_for(**kwargs):
        if not drops:  # once: after the session and user queries, before the page's own
            drops.append(True)
            _drop_portal_connection()
        return real(**kwargs)

    monkeypatch.setattr(selectors, "dashboard_for", dropping_dashboard_for)
    status, html = serve(dashboard)
    assert drops and status == 500
    assert "Traceback" not in html and "OperationalError" not in html and "psycopg" not in html
    assert "<h1>Ein Fehler ist aufgetreten</h1>" in html  # the portal's own error page (templates/errors/500.html)

    assert serve(dashboard)[0] == 200


def test_a_connection_dropped_between_requests_goes_unnoticed(serve, postgres):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    dashboard = reverse("dashboard")
    assert serve(dashboard)[0] == 200
    pid = connection.connection.info.backend_pid
    _drop_portal_connection()
    assert serve(dashboard)[0] == 200
    assert connection.connection.info.backend_pid != pid
