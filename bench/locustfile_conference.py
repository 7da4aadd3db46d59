"""Peak day 2, the conference opening: guests from distinct addresses register for the public conference (limited
seats) and confirm. The confirmation link's secret is read from the database after registering (the e-mail goes
through the Celery worker to a file; the outcome check counts those files). Run by bench/loadtest.py."""

import itertools
import os
import threading

import psycopg
from locust import HttpUser, between, task
from locust.exception import StopUser

from bench.locust_common import PLAN, csrf, next_address

_lock = threading.Lock()
_numbers = itertools.count(1)
EVENT = f"/veranstaltungen/oeffentlich/{PLAN['conference']}/"


class Guest(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        with _lock:
            self.number = next(_numbers)
        self.client.headers.update({"X-Forwarded-For": next_address(), "Accept-Language": "de"})
        self.email = f"gast{self.number:05d}@lasttest.example"

    @task
    def register_and_confirm(self):
        page = self.client.get(EVENT, name="public event page")
        self.wait()
        data = {
            "csrfmiddlewaretoken": csrf(page.text),
            "name": f"Gast {self.number}",
            "email": self.email,
            "organisation": "Lasttest",
            "role": "Gast",
            "consent": "on",
            "website": "",
        }
        with self.client.post(EVENT, data=data, name="register (POST)", catch_response=True) as response:
            if response.status_code != 200 or "gesendet=1" not in response.url:
                response.failure(f"registration refused: HTTP {response.status_code}")
                raise StopUser
        with psycopg.connect(os.environ["LOADTEST_DATABASE_URL"]) as connection:
            row = connection.execute(
                "SELECT confirmation_token FROM events_guestregistration WHERE event_id = %s AND email = %s",
                [PLAN["conference"], self.email],
            ).fetchone()
        if not row:
            raise StopUser
        self.wait()
        link = f"/veranstaltungen/gast/bestaetigen/{row[0]}/"
        confirm = self.client.get(link, name="confirmation page")
        with self.client.post(
            link, data={"csrfmiddlewaretoken": csrf(confirm.text)}, name="confirm (POST)", catch_response=True
        ) as response:
            if response.status_code != 200 or "/veranstaltungen/gast/" not in response.url:
                response.failure(f"not confirmed: HTTP {response.status_code} at {response.url}")
        self.client.get(response.url, name="guest's personal page")
        raise StopUser
