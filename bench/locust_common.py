"""Shared by the Locust files of `make loadtest`: the plan, a distinct client address per simulated person
(sent as X-Forwarded-For; the run starts gunicorn with TRUSTED_PROXY_COUNT=1, as behind the recommended proxy),
the CSRF token of a form, and signing in through the allauth form."""

import itertools
import json
import os
import re
import threading

PLAN = json.loads(open(os.environ["LOADTEST_PLAN"]).read())  # noqa: PTH123, SIM115
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_lock = threading.Lock()
_addresses = itertools.count(1)


def next_address() -> str:
    with _lock:
        number = next(_addresses)
    return f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"


def csrf(text: str) -> str:
    match = _CSRF.search(text)
    return match.group(1) if match else ""


def sign_in(user, email: str) -> bool:
    """The allauth form with its CSRF token; True when the dashboard follows."""
    page = user.client.get("/accounts/login/", name="sign-in form")
    with user.client.post(
        "/accounts/login/",
        data={"csrfmiddlewaretoken": csrf(page.text), "login": email, "password": PLAN["password"]},
        name="sign in (POST)",
        catch_response=True,
    ) as response:
        if response.status_code != 200 or "/accounts/" in response.url:
            response.failure(f"not signed in (HTTP {response.status_code})")
            return False
    return True
