"""Meine Daten, the working groups' part: memberships, follows, threads and posts, documents, inquiries."""

from kernel.privacy import day
from topics.models import Document, DocumentVersion, Inquiry, InquiryAnswer, Post, Thread, ThreadVisit

COVERS = {
    "topics.WorkingGroup.members",
    "topics.Membership.person",
    "topics.Follow.person",
    "topics.Thread.author",
    "topics.Post.author",
    "topics.ThreadVisit.person",
    "topics.Document.uploaded_by",
    "topics.DocumentVersion.uploaded_by",
    "topics.Inquiry.author",
    "topics.InquiryAnswer.author",
}

NOT_PERSONAL = {}


def export(person) -> dict:
    return {
        "working_groups": [
            {"name": m.group.name, "status": m.status, "joined_at": day(m.joined_at)}
            for m in person.working_group_memberships.select_related("group").order_by("group__name")
        ],
        "following": list(person.follows.order_by("group__name").values_list("group__name", flat=True)),
        "threads_started": [
            {"title": t.title, "working_group": t.group.name, "started": day(t.created_at)}
            for t in Thread.objects.filter(author=person).select_related("group").order_by("created_at")
        ],
        "posts": [
            {"discussion": p.thread.title, "written": day(p.created_at), "text": p.body}
            for p in Post.objects.filter(author=person).select_related("thread").order_by("created_at")
        ],
        "threads_read": [
            {"discussion": v.thread.title, "last_read": day(v.seen_at)}
            for v in ThreadVisit.objects.filter(person=person).select_related("thread").order_by("seen_at")
        ],
        "documents_uploaded": [
            {"title": d.title, "added": day(d.created_at)}
            for d in Document.objects.filter(uploaded_by=person).order_by("created_at")
        ],
        "document_versions_uploaded": [
            {"document": v.document.title, "version": v.number, "file": v.filename, "uploaded": day(v.uploaded_at)}
            for v in DocumentVersion.objects.filter(uploaded_by=person).select_related("document").order_by("pk")
        ],
        "inquiries": [
            {"title": i.title, "question": i.question, "asked": day(i.created_at)}
            for i in Inquiry.objects.filter(author=person).order_by("created_at")
        ],
        "inquiry_answers": [
            {"inquiry": a.inquiry.title, "text": a.text, "changed": day(a.updated_at)}
            for a in InquiryAnswer.objects.filter(author=person).select_related("inquiry").order_by("updated_at")
        ],
    }
