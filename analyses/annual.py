"""The annual report (Jahresbericht) for the members' meeting: what the association did in one year.

Built in a fixed number of queries; board matters (board meetings, board-only events) stay out, as the report
goes to every member. Its cost grows with the year's data (a row per organisation, group and interest), so a
finished year's report is built once and kept in the shared cache until a row it is built from is written
(``FINISHED_VERSION``, bumped by the signals in ``connect``); the running year's is built on every view.
"""

import uuid
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from assemblies.models import Meeting, Resolution
from events.models import Event, Registration
from funding.models import Interest
from members.models import Organisation
from topics.models import Document, Post, Thread, WorkingGroup


@dataclass
class GroupActivity:
    group: WorkingGroup
    threads: int = 0
    posts: int = 0
    documents: int = 0


@dataclass
class AnnualReport:
    year: int
    joined: list = field(default_factory=list)
    left: list = field(default_factory=list)
    members_at_end: int = 0
    meetings: list = field(default_factory=list)
    resolutions: list = field(default_factory=list)
    events_by_kind: list = field(default_factory=list)  # (label, count)
    events_total: int = 0
    participants: list = field(default_factory=list)  # (organisation name, registrations, events)
    groups: list = field(default_factory=list)
    interests: list = field(default_factory=list)
    interests_by_programme: list = field(default_factory=list)  # (programme, count)


# Everything the report is built from. A write to any of them may change a finished year (a member's leaving
# recorded late, a post hidden, an interest updated), so it makes every finished year's report be built afresh.
SOURCES = (
    "members.Organisation",
    "assemblies.Meeting",
    "assemblies.Resolution",
    "events.Event",
    "events.Registration",
    "funding.Interest",
    "topics.WorkingGroup",
    "topics.Thread",
    "topics.Post",
    "topics.Document",
)
FINISHED_VERSION = "annual-report:finished-version"
FINISHED_TIMEOUT = 60 * 60 * 24 * 30


def annual_report(*, user, year: int) -> AnnualReport:
    """The report of ``year``: the same for every member who may read it (``user`` is asked by the view)."""
    if year >= timezone.localdate().year:
        return _build(year)
    version = cache.get(FINISHED_VERSION)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(FINISHED_VERSION, version, None):
            version = cache.get(FINISHED_VERSION) or version
    key = f"annual-report:{year}:{version}"
    report = cache.get(key)
    if report is None:
        report = _build(year)
        cache.set(key, report, FINISHED_TIMEOUT)
    return report


def _bump(**kwargs) -> None:
    if kwargs.get("raw"):
        return
    if kwargs.get("action", "post_").startswith("post_"):
        cache.set(FINISHED_VERSION, uuid.uuid4().hex, None)


def connect() -> None:
    """From AnalysesConfig.ready: a write to a source makes the finished years' reports out of date."""
    for label in SOURCES:
        model = apps.get_model(label)
        post_save.connect(_bump, sender=model, weak=False, dispatch_uid=f"annual-save-{label}")
        post_delete.connect(_bump, sender=model, weak=False, dispatch_uid=f"annual-delete-{label}")
    through = apps.get_model("topics.Document")._meta.get_field("groups").remote_field.through
    m2m_changed.connect(_bump, sender=through, weak=False, dispatch_uid="annual-m2m-document-groups")


def _build(year: int) -> AnnualReport:
    report = AnnualReport(year=year)
    report.joined = list(Organisation.objects.filter(joined_on__year=year).order_by("joined_on", "name"))
    report.left = list(Organisation.objects.filter(left_on__year=year).order_by("left_on", "name"))
    report.members_at_end = (
        Organisation.objects.filter(joined_on__year__lte=year)
        .filter(Q(left_on__isnull=True) | Q(left_on__year__gt=year))
        .exclude(status=Organisation.Status.APPLICANT)
        .count()
    )
    report.meetings = list(
        Meeting.objects.filter(body=Meeting.Body.MEMBERS, event__start__year=year)
        .select_related("event")
        .order_by("event__start")
    )
    report.resolutions = list(
        Resolution.objects.filter(closed_at__year=year)
        .filter(Q(meeting__isnull=True) | Q(meeting__body=Meeting.Body.MEMBERS))
        .select_related("meeting")
        .order_by("closed_at")
    )
    events = Event.objects.filter(start__year=year, status=Event.Status.PUBLISHED).exclude(
        audience=Event.Audience.BOARD
    )
    kinds = dict(Event.Kind.choices)
    by_kind = dict(events.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    report.events_by_kind = [(kinds[kind], by_kind[kind]) for kind in kinds if by_kind.get(kind)]
    report.events_total = sum(by_kind.values())
    report.participants = list(
        Registration.objects.filter(
            event__in=events, status=Registration.Status.REGISTERED, person__organisation__isnull=False
        )
        .values_list("person__organisation__name")
        .annotate(registrations=Count("id"), events=Count("event", distinct=True))
        .values_list("person__organisation__name", "registrations", "events")
        .order_by("-registrations", "person__organisation__name")
    )
    groups = {group.pk: GroupActivity(group=group) for group in WorkingGroup.objects.order_by("name")}
    for group_id, count in (
        Thread.objects.filter(created_at__year=year)
        .values_list("group")
        .annotate(n=Count("id"))
        .values_list("group", "n")
    ):
        if group_id in groups:
            groups[group_id].threads = count
    for group_id, count in (
        Post.objects.filter(created_at__year=year, hidden_at__isnull=True)
        .values_list("thread__group")
        .annotate(n=Count("id"))
        .values_list("thread__group", "n")
    ):
        if group_id in groups:
            groups[group_id].posts = count
    for group_id, count in (
        Document.objects.filter(created_at__year=year)
        .exclude(label=Document.Label.BOARD)
        .values_list("groups")
        .annotate(n=Count("id"))
        .values_list("groups", "n")
    ):
        if group_id in groups:
            groups[group_id].documents = count
    report.groups = [g for g in groups.values() if g.threads or g.posts or g.documents]
    report.interests = list(
        Interest.objects.filter(updated_at__year=year)
        .select_related("call__programme", "organisation")
        .order_by("call__identifier", "organisation__name")
    )
    programmes: dict[str, int] = {}
    for interest in report.interests:
        programmes[interest.call.programme.name] = programmes.get(interest.call.programme.name, 0) + 1
    report.interests_by_programme = sorted(programmes.items(), key=lambda item: (-item[1], item[0]))
    return report
