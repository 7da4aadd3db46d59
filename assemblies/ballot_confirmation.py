"""A vote asks who is voting again: the password, or the second factor where the person has one.

Once per session and ballot: the first vote in a resolution sends the person to allauth's reauthentication,
which replays the vote after the password (or code) is confirmed; from then on the session remembers that
resolution, so a delegate casting several votes in one ballot (their own, a proxy) is asked once. Another
ballot asks again, however recently the person confirmed: a session taken over by someone who reset the
password elsewhere, or left open on a shared computer, does not vote unnoticed.

A confirmation counts for a ballot only if it happened after the portal asked for it (the time is kept in
the session), so a reauthentication for something else (setting up MFA, another ballot) is not reused.
"""

import time

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.internal.flows.reauthentication import suspend_request
from django.http import HttpRequest, HttpResponseRedirect

# {"confirmed": [resolution ids], "asked": {"<resolution id>": time asked}}
SESSION_KEY = "assemblies_ballot_confirmation"


def _state(request: HttpRequest) -> dict:
    state = request.session.get(SESSION_KEY)
    if not isinstance(state, dict):
        state = {}
    return {"confirmed": list(state.get("confirmed", [])), "asked": dict(state.get("asked", {}))}


def _methods(request: HttpRequest) -> list[dict]:
    return get_adapter(request).get_reauthentication_methods(request.user)


def is_confirmed(request: HttpRequest, resolution) -> bool:
    """The person confirmed themselves for ``resolution`` in this session (the ballot page says so)."""
    return resolution.pk in _state(request)["confirmed"]


def mark_confirmed(request: HttpRequest, resolution) -> None:
    state = _state(request)
    state["asked"].pop(str(resolution.pk), None)
    if resolution.pk not in state["confirmed"]:
        state["confirmed"].append(resolution.pk)
    request.session[SESSION_KEY] = state


def _confirmed_since(request: HttpRequest, asked: float) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("reauthenticated") and record.get("at", 0) >= asked for record in records)


def confirm_or_ask(request: HttpRequest, resolution) -> HttpResponseRedirect | None:
    """None if the vote may go ahead; otherwise the redirect to the reauthentication, which replays this request.

    Called by the vote view before the service, only for someone who holds a vote in ``resolution``.
    """
    if is_confirmed(request, resolution):
        return None
    methods = _methods(request)
    if not methods:
        # Nothing to confirm with (no usable password, no authenticator): like allauth's own check, let it pass
        # rather than lock the person out of their vote; a portal account always has a password.
        return None
    state = _state(request)
    asked = state["asked"].get(str(resolution.pk))
    if asked is not None and _confirmed_since(request, asked):
        mark_confirmed(request, resolution)
        return None
    state["asked"][str(resolution.pk)] = time.time()
    request.session[SESSION_KEY] = state
    # The second factor where the person has one: a password reset by somebody else does not get past it.
    method = next((m for m in methods if m["id"] == "mfa_reauthenticate"), methods[0])
    return suspend_request(request, method["url"])
