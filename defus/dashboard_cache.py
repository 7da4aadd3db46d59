"""The dashboard's sections, cached per person and per audience until a write changes what they show.

Keys are made of version tokens (kernel/cache_versions.py):

- ``person:<id>``: the person's offices, working group memberships and follows, registrations, account;
- ``organisation:<id>``: the person's organisation (its status decides access to the member area);
- ``group:<id>``: each group the person follows (its discussions; whether it is restricted);
- ``audience:events`` / ``audience:documents`` / ``audience:ballots``: events, documents and online ballots, which
  reach people by audiences and labels too varied to track one by one (and change a few times a day);
- ``audience:calls``: the funding deadlines, the same for everybody and so cached once for all.

The versions are bumped by signals on exactly the models the sections read (``connect`` below, from
``DefusConfig.ready``), not by calls in each service: a signal also catches the admin, cascades and every service
that writes those models, present and future, and the list sits here, next to what the sections read. Writes that
bypass signals (``bulk_create``/``update`` on these models) bump by hand: mail.services.digest_preferences_update.

Time passes too: a section is kept at most ``SECTION_TIMEOUT`` seconds, and no longer than until the first shown
event ends, the first shown ballot closes or the first shown deadline passes. The key holds the day and the
language. While Redis is down the portal answers from a per-process memory cache that a bump in another process
would not reach, so then the sections are computed uncached (``cache_versions.shared``).
"""

import datetime
import hashlib
import logging

from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation

from kernel import cache_versions
from topics.models import Follow, Thread

logger = logging.getLogger(__name__)

# The safety net: the longest a section is kept, whatever was (or was not) bumped.
SECTION_TIMEOUT = 600


def _timeout(until: datetime.datetime | None) -> int:
    if until is None:
        return SECTION_TIMEOUT
    seconds = int((until - timezone.now()).total_seconds()) + 1
    return max(1, min(SECTION_TIMEOUT, seconds))


def _key(name: str, tokens: list[str]) -> str:
    digest = hashlib.sha256("|".join(tokens).encode()).hexdigest()[:32]
    return f"dashboard:{name}:{translation.get_language()}:{timezone.localdate().isoformat()}:{digest}"


def _cached(name: str, pairs: list[tuple[str, object]], compute):
    """``compute()`` returns (value, valid until or None); the value is cached under the versions of ``pairs``."""
    if not cache_versions.shared():
        return compute()[0]
    try:
        key = _key(name, cache_versions.versions(*pairs))
        found = cache.get(key)
    except Exception:  # a cache fault costs the cache, never the page
        logger.exception("Dashboard cache unreadable")
        return compute()[0]
    # A value read while the cache fell back to this process's memory may miss another process's bump.
    if found is not None and cache_versions.shared():
        return found
    value, until = compute()
    if cache_versions.shared():
        try:
            cache.set(key, value, _timeout(until))
        except Exception:
            logger.exception("Dashboard cache unwritable")
    return value


def _followed_group_ids(user, person_version: str) -> list[int]:
    """The groups the person follows (their versions are part of the key), cached under the person's version."""

    key = f"dashboard:followed:{user.pk}:{person_version}"
    ids = cache.get(key)
    if ids is None:
        ids = sorted(Follow.objects.filter(person=user).values_list("group_id", flat=True))
        cache.set(key, ids, 60 * 60 * 24)  # named by the person's version: a day is only a bound on memory
    return ids


def personal_sections(*, user, compute) -> dict:
    """The person's sections: ``compute()`` returns (dict of sections, valid until or None)."""
    pairs = [
        ("person", user.pk),
        ("organisation", user.organisation_id),
        ("audience", "events"),
        ("audience", "documents"),
        ("audience", "ballots"),
    ]
    if cache_versions.shared():
        try:
            (person_version,) = cache_versions.versions(("person", user.pk))
            pairs += [("group", pk) for pk in _followed_group_ids(user, person_version)]
        except Exception:
            logger.exception("Dashboard cache unreadable")
            return compute()[0]
    return _cached(f"person:{user.pk}", pairs, compute)


def audience_section(name: str, *, compute):
    """A section the same for everybody, cached once for all under ``audience:<name>``."""
    return _cached(f"audience:{name}", [("audience", name)], compute)


# --- What bumps which version -------------------------------------------------------------------------------


def _person(instance):
    return [("person", instance.person_id)]


def _post_group(post):
    if post._meta.get_field("thread").is_cached(post):
        group_id = post.thread.group_id
    else:  # a post deleted with its thread: the thread's deletion bumps the group
        group_id = Thread.objects.filter(pk=post.thread_id).values_list("group_id", flat=True).first()
    return [("group", group_id)]


def _bumps():
    """Model label -> what one of its rows bumps."""
    return {
        "members.User": lambda user: [("person", user.pk)],
        "members.Organisation": lambda organisation: [("organisation", organisation.pk)],
        "members.Mandate": _person,
        "topics.Membership": _person,
        "topics.Follow": _person,
        "topics.WorkingGroup": lambda group: [("group", group.pk)],
        "topics.Thread": lambda thread: [("group", thread.group_id)],
        "topics.Post": _post_group,
        "topics.Document": lambda _document: [("audience", "documents")],
        "events.Event": lambda _event: [("audience", "events")],
        "events.Registration": _person,
        "funding.Call": lambda _call: [("audience", "calls")],
        "funding.Deadline": lambda _deadline: [("audience", "calls")],
        "assemblies.Meeting": lambda _meeting: [("audience", "ballots")],
        "assemblies.Resolution": lambda _resolution: [("audience", "ballots")],
        "assemblies.Vote": lambda _vote: [("audience", "ballots")],
        "assemblies.Proxy": lambda _proxy: [("audience", "ballots")],
    }


# Many-to-many fields the sections read: who an event invites, which groups a document belongs to.
M2M = {"events.Event.invitees": ("audience", "events"), "topics.Document.groups": ("audience", "documents")}


def connect() -> None:
    for label, pairs_of in _bumps().items():
        model = apps.get_model(label)

        def on_write(sender, instance, pairs_of=pairs_of, raw=False, **kwargs):
            if raw:  # loaddata: no services, no versions
                return
            cache_versions.bump(*pairs_of(instance))

        post_save.connect(on_write, sender=model, weak=False, dispatch_uid=f"dashboard-save-{label}")
        post_delete.connect(on_write, sender=model, weak=False, dispatch_uid=f"dashboard-delete-{label}")
    for path, pair in M2M.items():
        app_model, field = path.rsplit(".", 1)
        through = apps.get_model(app_model)._meta.get_field(field).remote_field.through

        def on_change(sender, action, pair=pair, **kwargs):
            if action in {"post_add", "post_remove", "post_clear"}:
                cache_versions.bump(pair)

        m2m_changed.connect(on_change, sender=through, weak=False, dispatch_uid=f"dashboard-m2m-{path}")
