"""The working groups' part of the digest: what happened last week in the groups a person follows.

Per group, newest first: new discussions, discussions with new replies (one line
each, with the count) and new documents. No item twice (a document filed in two
followed groups shows under the first), and no silent cap: beyond five lines a
line says how many more there are and links the group.
"""

from collections import defaultdict

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kernel.digest import Batch, Part, capped
from kernel.emails import absolute_url
from kernel.viewer import prime
from topics.models import Document, Follow, Post, WorkingGroup
from topics.policies.documents import visible_documents
from topics.policies.groups import readable_groups


def prime_batch(batch: Batch) -> None:
    """For every section of the digest: each person's group memberships (the Viewer's fact) and follows."""
    prime(batch.people, "group_ids")
    follows = defaultdict(set)
    for person_id, group_id in Follow.objects.filter(person__in=batch.people).values_list("person_id", "group_id"):
        follows[person_id].add(group_id)
    batch.follows = dict(follows)


class DiscussionsSection:
    def __init__(self, batch: Batch):
        window = {"created_at__gte": batch.period.since, "created_at__lt": batch.period.sending}
        followed = batch.followed_group_ids
        posts = (
            Post.objects.filter(thread__group_id__in=followed, hidden_at__isnull=True, **window)
            .select_related("thread__group")
            .only(
                "created_at", "is_opening", "thread__title", "thread__group__name", "thread__group__slug",
                "thread__group__is_restricted", "thread__group__archived_at",
            )
            .order_by("-created_at")
        )  # fmt: skip
        documents = (
            Document.objects.filter(groups__in=followed, **window)
            .distinct()
            .only("pk", "title", "label", "created_at")
            .prefetch_related(
                Prefetch(
                    "groups", queryset=WorkingGroup.objects.only("pk", "name", "slug", "is_restricted", "archived_at")
                )
            )
            .order_by("-created_at")
        )
        # Indexed by group once, so each reader looks only at the groups they follow.
        self.groups: dict[int, WorkingGroup] = {}
        self.threads: dict[int, dict[int, dict]] = defaultdict(dict)  # group → thread → line (newest post first)
        for post in posts:
            group = self.groups.setdefault(post.thread.group_id, post.thread.group)
            if post.thread_id not in self.threads[group.pk]:
                # URLs once per item, not once per reader.
                post.thread.url = absolute_url(reverse("thread_detail", args=[group.slug, post.thread_id]))
            line = self.threads[group.pk].setdefault(
                post.thread_id,
                {"kind": "thread", "thread": post.thread, "at": post.created_at, "new": False, "replies": 0},
            )
            if post.is_opening:
                line["new"] = True
            else:
                line["replies"] += 1
        self.documents: dict[int, list[Document]] = defaultdict(list)
        for document in documents:
            document.url = absolute_url(reverse("document_detail", args=[document.pk]))
            for group in document.groups.all():
                self.groups.setdefault(group.pk, group)
                self.documents[group.pk].append(document)
        for group in self.groups.values():
            group.url = absolute_url(reverse("group_detail", args=[group.slug]))
        self.follows = batch.follows

    def for_person(self, person) -> Part | None:
        followed = [self.groups[pk] for pk in self.follows.get(person.pk, ()) if pk in self.groups]
        placed: set[int] = set()
        result = []
        reads, sees = readable_groups.test(person), visible_documents.test(person)
        # Name order decides where a document filed in several followed groups appears (once).
        for group in sorted(followed, key=lambda g: g.name):
            if not reads(group):
                continue
            lines = list(self.threads[group.pk].values())
            for document in self.documents[group.pk]:
                if document.pk not in placed and sees(document):
                    placed.add(document.pk)
                    lines.append({"kind": "document", "document": document, "at": document.created_at})
            if lines:
                lines.sort(key=lambda line: line["at"], reverse=True)
                result.append({"group": group, "latest": lines[0]["at"], **capped(lines)})
        if not result:
            return None
        result.sort(key=lambda entry: entry["latest"], reverse=True)
        signature = tuple(
            (entry["group"].pk, entry["more"], tuple(_identity(line) for line in entry["lines"])) for entry in result
        )
        return Part("topics", _("In your working groups"), {"groups": result}, signature)


def _identity(line: dict) -> tuple:
    if line["kind"] == "document":
        return ("document", line["document"].pk)
    return ("thread", line["thread"].pk, line["new"], line["replies"])
