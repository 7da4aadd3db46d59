"""Member inquiries (Städteumfrage): ask every member organisation, compare the answers.

Reads and changes for inquiries live together here; who reads which inquiry is the policy
``topics.policies.inquiries`` (lists and the permission ``topics.read_inquiry``), the other rules are registered
in topics.permissions like every other rule.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.markup import render_markdown
from kernel.spreadsheet import excel_csv
from members.models import Organisation
from topics.models import Document, Inquiry, InquiryAnswer, Membership
from topics.policies.inquiries import readable_inquiries
from topics.services import _add_version
from topics.uploads import Kind

CSV_KIND = Kind("text/csv", (".csv",))


def inquiries_for(*, user):
    mine = InquiryAnswer.objects.filter(inquiry=OuterRef("pk"), organisation_id=user.organisation_id)
    return (
        Inquiry.objects.filter(readable_inquiries.q(user))
        .select_related("organisation", "group", "author")
        .annotate(answer_count=Count("answers"), answered_by_my_organisation=Exists(mine))
        .order_by("-created_at")
    )


def addressed_organisations(*, inquiry: Inquiry):
    """Who is asked: every active member organisation, or those with people in the working group."""
    organisations = Organisation.objects.filter(status=Organisation.Status.ACTIVE)
    if inquiry.group_id:
        people = Membership.objects.filter(group_id=inquiry.group_id, status=Membership.Status.ACTIVE)
        organisations = organisations.filter(pk__in=people.values("person__organisation"))
    return organisations.order_by("name")


def overview(*, inquiry: Inquiry) -> dict:
    answers = list(inquiry.answers.select_related("organisation", "author").order_by("organisation__name"))
    answered = {answer.organisation_id for answer in answers}
    waiting = [org for org in addressed_organisations(inquiry=inquiry) if org.pk not in answered]
    return {"answers": answers, "waiting": waiting}


@transaction.atomic
def inquiry_create(*, author, title: str, question: str, deadline, group=None) -> Inquiry:
    if deadline <= timezone.now():
        raise ValidationError(_("The deadline must be in the future."))
    return Inquiry.objects.create(
        author=author,
        organisation=author.organisation,
        title=title.strip(),
        question=question,
        question_html=render_markdown(question),
        deadline=deadline,
        group=group,
    )


def inquiry_admin_save(*, inquiry: Inquiry, changed: list[str]) -> Inquiry:
    """An inquiry saved in the admin: the shown question is rendered again from the changed text."""
    if inquiry.pk is None or "question" in changed:
        inquiry.question_html = render_markdown(inquiry.question)
    inquiry.save()
    return inquiry


@transaction.atomic
def inquiry_answer(*, inquiry: Inquiry, person, text: str) -> InquiryAnswer:
    """Each organisation answers once; until the deadline anyone from it may change the answer."""
    locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if not locked.is_open:
        raise ValidationError(_("The deadline has passed; answers can no longer be changed."))
    answer, _created = InquiryAnswer.objects.update_or_create(
        inquiry=locked,
        organisation_id=person.organisation_id,
        defaults={"text": text, "text_html": render_markdown(text), "author": person, "updated_at": timezone.now()},
    )
    return answer


def inquiry_csv(*, inquiry: Inquiry) -> str:
    """The answers side by side, for German Excel."""
    rows = (
        [
            answer.organisation.name,
            answer.text,
            str(answer.author) if answer.author else "",
            timezone.localtime(answer.updated_at).strftime("%d.%m.%Y %H:%M"),
        ]
        for answer in overview(inquiry=inquiry)["answers"]
    )
    return excel_csv(rows, [_("Organisation"), _("Answer"), _("Answered by"), _("Last changed")])


@transaction.atomic
def inquiry_keep_in_library(*, inquiry: Inquiry, person) -> Document:
    """After the deadline the compiled answers become a library document (members, or the group)."""

    locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if locked.document_id:
        return locked.document
    if locked.is_open:
        raise ValidationError(_("An inquiry can be kept in the library once its deadline has passed."))
    document = Document.objects.create(
        title=_("Member inquiry: %(title)s") % {"title": locked.title},
        description=locked.question,
        # Whoever could read the inquiry can read the document kept from it.
        label=Document.Label.GROUP if locked.group_id and locked.group.is_restricted else Document.Label.MEMBERS,
        category=Document.Category.RESEARCH,
        language="de",
        year=timezone.localdate().year,
        organisation=locked.organisation,
        uploaded_by=person,
    )
    if locked.group_id:
        document.groups.set([locked.group_id])
    content = inquiry_csv(inquiry=locked).encode("utf-8")
    upload = SimpleUploadedFile("umfrage.csv", content, content_type=CSV_KIND.content_type)
    _add_version(
        document=document, upload=upload, kind=CSV_KIND, filename=f"umfrage-{locked.pk}.csv", uploaded_by=person
    )
    locked.document = document
    locked.save(update_fields=["document"])
    return document
