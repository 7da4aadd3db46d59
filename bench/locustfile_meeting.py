"""Peak day 1, the members' meeting morning: the ballot opens, delegates sign in, open it and vote (their own
organisation's vote and, for some, a proxy's), 2–5 s between steps; members browse the dashboard, groups, library
and calendar, 5–15 s between clicks. Run by bench/loadtest.py (`make loadtest`)."""

import itertools
import random
import re
import threading

from locust import HttpUser, between, task
from locust.exception import StopUser

from bench.locust_common import PLAN, csrf, next_address, sign_in

_lock = threading.Lock()
_delegates = iter(PLAN["delegates"])
_browsers = itertools.cycle(PLAN["browsers"])
RESOLUTION = f"/beschluesse/{PLAN['resolution']}/"
VOTE = f"/beschluesse/{PLAN['resolution']}/abstimmen/"


class Delegate(HttpUser):
    """One delegate: signs in, opens the ballot, votes each vote it holds (confirming, and once per ballot the
    password again on allauth's reauthentication page, which replays the vote), then leaves."""

    fixed_count = len(PLAN["delegates"])
    wait_time = between(2, 5)

    def on_start(self):
        with _lock:
            self.delegate = next(_delegates, None)
        if self.delegate is None:
            raise StopUser
        self.client.headers.update({"X-Forwarded-For": next_address(), "Accept-Language": "de"})
        if not sign_in(self, self.delegate["email"]):
            raise StopUser
        self.pending = list(self.delegate["voters"])

    @task
    def vote(self):
        if not self.pending:
            raise StopUser
        page = self.client.get(RESOLUTION, name="ballot page")
        voter = self.pending.pop(0)
        token = csrf(page.text)
        self.wait()
        # First the portal asks once more ("Stadt X stimmt mit Ja."): the confirmation page.
        confirm = self.client.post(
            VOTE, data={"csrfmiddlewaretoken": token, "voter": voter, "choice": "yes"}, name="vote (confirmation page)"
        )
        self.wait()
        with self.client.post(
            VOTE,
            data={"csrfmiddlewaretoken": csrf(confirm.text), "voter": voter, "choice": "yes", "confirmed": "yes"},
            name="vote (confirmed)",
            catch_response=True,
        ) as response:
            reauth = "/reauthenticate/" in response.url
            if not reauth:
                self._cast(response)
        if reauth:
            self.wait()
            with self.client.post(
                response.url,
                data={"csrfmiddlewaretoken": csrf(response.text), "password": PLAN["password"]},
                name="reauthenticate (POST) + vote",
                catch_response=True,
            ) as replayed:
                self._cast(replayed)

    @staticmethod
    def _cast(response):
        if response.status_code != 200 or RESOLUTION not in response.url:
            response.failure(f"vote not cast: HTTP {response.status_code} at {response.url}")
        elif "alert-danger" in response.text:
            response.failure("vote refused (error message on the ballot page)")


class Member(HttpUser):
    """A member browsing while the meeting votes."""

    wait_time = between(5, 15)

    def on_start(self):
        with _lock:
            email = next(_browsers)
        self.client.headers.update({"X-Forwarded-For": next_address(), "Accept-Language": "de"})
        if not sign_in(self, email):
            raise StopUser
        self.groups = []

    @task(3)
    def dashboard(self):
        self.client.get("/dashboard/", name="dashboard")

    @task(2)
    def groups(self):
        page = self.client.get("/arbeitsgruppen/", name="group list")
        self.groups = sorted(set(re.findall(r'href="(/arbeitsgruppen/[a-z0-9-]+/)"', page.text))) or self.groups
        if self.groups:
            self.wait()
            self.client.get(random.choice(self.groups), name="group page")

    @task(2)
    def library(self):
        self.client.get("/bibliothek/", name="library")

    @task(2)
    def calendar(self):
        self.client.get("/veranstaltungen/kalender/", name="calendar")
