"""Reads for working groups, discussions and the library. Each takes the acting user,
so what someone may see is decided here, once, with the filters from topics.policies."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery

from kernel.contributions import contributed
from kernel.queries import count_of
from members.models import Mandate, Role
from topics.models import Document, DocumentVersion, Follow, Membership, Post, Thread, ThreadVisit, WorkingGroup
from topics.policies.documents import visible_documents
from topics.policies.groups import readable_groups
from topics.policies.memberships import group_ids_of


def group_list(*, user):
    """All groups with what is new for this reader (one query)."""
    seen = ThreadVisit.objects.filter(thread=OuterRef("pk"), person=user).values("seen_at")
    unread_threads = Thread.objects.filter(group=OuterRef("pk")).filter(
        Q(last_activity_at__gt=Subquery(seen[:1])) | ~Exists(seen)
    )
    # Counts as subqueries: joining members and threads at once would multiply the rows of every group.
    members = Membership.objects.filter(group=OuterRef("pk"), status=Membership.Status.ACTIVE)
    threads = Thread.objects.filter(group=OuterRef("pk"))
    return (
        WorkingGroup.objects.filter(archived_at__isnull=True)
        .annotate(
            member_count=count_of(members),
            thread_count=count_of(threads),
            is_member=Exists(Membership.objects.filter(group=OuterRef("pk"), person=user, status="active")),
            is_requested=Exists(Membership.objects.filter(group=OuterRef("pk"), person=user, status="requested")),
            is_following=Exists(Follow.objects.filter(group=OuterRef("pk"), person=user)),
            has_new=Exists(unread_threads),
            readable=Q(readable_groups.q(user)),
        )
        .order_by("name")
    )


def group_for(*, user, slug: str) -> WorkingGroup:
    group = WorkingGroup.objects.get(slug=slug)
    group.is_member = group.pk in group_ids_of(user)
    group.is_requested = Membership.objects.filter(group=group, person=user, status="requested").exists()
    follow = Follow.objects.filter(group=group, person=user).first()
    group.is_following = follow is not None
    group.every_post = follow is not None and follow.every_post
    return group


def thread_list(*, user, group):
    seen = ThreadVisit.objects.filter(thread=OuterRef("pk"), person=user).values("seen_at")[:1]
    return (
        Thread.objects.filter(group=group)
        .select_related("author")
        .annotate(seen_at=Subquery(seen))
        .order_by("-is_pinned", "-last_activity_at")
    )


def group_leads(*, group):
    return [
        m.person
        for m in Mandate.objects.active()
        .filter(role=Role.WORKING_GROUP_LEAD, working_group=group)
        .select_related("person")
    ]


def pending_requests(*, group):
    return Membership.objects.filter(group=group, status=Membership.Status.REQUESTED).select_related(
        "person__organisation"
    )


def posts_of(*, thread):
    # Through the thread's manager: each post knows its thread (and its group) without a query, so the page
    # can ask ``topics.edit_post`` per post.
    return thread.posts.select_related("author__organisation").order_by("created_at", "pk")


def group_documents(*, user, group):
    return documents_visible_to(user=user).filter(groups=group)[:10]


def documents_visible_to(*, user):
    return (
        Document.objects.filter(visible_documents.q(user))
        .select_related("organisation", "current_version")
        .prefetch_related(Prefetch("groups", queryset=WorkingGroup.objects.only("pk", "name", "slug")))
        .order_by("-created_at")
    )


def full_text(documents, query: str):
    """PostgreSQL full text with the German configuration; a plain substring match elsewhere."""
    if connection.vendor == "postgresql":
        # search_vector is kept by a trigger and GIN-indexed (migration 0005): only matches are read and ranked.
        search = SearchQuery(query, config="german", search_type="websearch")
        return (
            documents.filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "-created_at")
        )
    return documents.filter(Q(title__icontains=query) | Q(description__icontains=query))


def document_versions(*, document):
    return DocumentVersion.objects.filter(document=document).select_related("uploaded_by").order_by("-number")


def activity_for(*, user, groups=None, limit: int = 15) -> list[dict]:
    """Newest threads, replies, documents and what other apps contribute (events) in the given (or followed)
    groups, newest first.

    A fixed number of queries: one per kind of item, each limited, merged in Python.
    """
    readable = WorkingGroup.objects.filter(readable_groups.q(user))
    if groups is None:
        readable = readable.filter(follows__person=user)
    else:
        readable = readable.filter(pk__in=[g.pk for g in groups])
    group_ids = list(readable.values_list("pk", flat=True))
    # The newest posts can only be in the threads most recently active (a thread's last activity is its newest
    # post), so look there instead of walking every post of the forum by date.
    recent_threads = Thread.objects.filter(group_id__in=group_ids).order_by("-last_activity_at").values("pk")[:limit]
    posts = (
        Post.objects.filter(thread_id__in=recent_threads, hidden_at__isnull=True)
        .select_related("thread__group", "author")
        .order_by("-created_at")[:limit]
    )
    in_groups = Document.groups.through.objects.filter(workinggroup_id__in=group_ids).values("document_id")
    documents = documents_visible_to(user=user).filter(pk__in=in_groups).order_by("-created_at")[:limit]
    items = [
        {
            "kind": "thread" if post.is_opening else "reply",
            "at": post.created_at,
            "group": post.thread.group,
            "thread": post.thread,
            "author": post.author,
        }
        for post in posts
    ]
    items += [{"kind": "document", "at": document.created_at, "document": document} for document in documents]
    # What the apps above add to a group's activity (events: its new events), declared as ``group_activity``.
    for more in contributed("group_activity"):
        items += more(user=user, group_ids=group_ids, limit=limit)
    items.sort(key=lambda item: item["at"], reverse=True)
    return items[:limit]
