"""Member inquiries (Städteumfrage): a question to every member organisation, answers, CSV, keeping them."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernel.paging import paginate
from kernel.refusals import reported
from topics import inquiries as inquiries_mod
from topics.forms import AnswerForm, InquiryForm
from topics.models import Inquiry
from topics.views.common import require


def inquiry_list(request):
    inquiries = inquiries_mod.inquiries_for(user=request.user)
    page, query = paginate(request, inquiries, 20)
    return render(request, "topics/inquiry_list.html", {"page": page, "query": query, "now": timezone.now()})


def inquiry_create(request):
    require(request.user, "topics.ask_inquiry")
    form = InquiryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        inquiry = inquiries_mod.inquiry_create(author=request.user, **form.cleaned_data)
        messages.success(request, _("Your question has been sent to the member organisations."))
        return redirect("inquiry_detail", pk=inquiry.pk)
    return render(request, "topics/inquiry_form.html", {"form": form})


def _inquiry(request, pk) -> Inquiry:
    inquiry = get_object_or_404(Inquiry.objects.select_related("group", "organisation", "author", "document"), pk=pk)
    require(request.user, "topics.read_inquiry", inquiry)
    return inquiry


def inquiry_detail(request, pk):
    inquiry = _inquiry(request, pk)
    can_answer = request.user.has_perm("topics.answer_inquiry", inquiry)
    mine = inquiry.answers.filter(organisation_id=request.user.organisation_id).first()
    form = AnswerForm(request.POST or None, initial={"text": mine.text if mine else ""})
    if request.method == "POST":
        require(request.user, "topics.answer_inquiry", inquiry)
        if form.is_valid():
            inquiries_mod.inquiry_answer(inquiry=inquiry, person=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("The answer of your organisation has been saved."))
            return redirect("inquiry_detail", pk=inquiry.pk)
    return render(
        request,
        "topics/inquiry_detail.html",
        {
            "inquiry": inquiry,
            "form": form,
            "mine": mine,
            "can_answer": can_answer,
            "can_keep": request.user.has_perm("topics.keep_inquiry", inquiry),
            **inquiries_mod.overview(inquiry=inquiry),
        },
    )


def inquiry_csv(request, pk):
    inquiry = _inquiry(request, pk)
    response = HttpResponse(inquiries_mod.inquiry_csv(inquiry=inquiry), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="umfrage-{inquiry.pk}.csv"'
    return response


@require_POST
def inquiry_keep(request, pk):
    inquiry = _inquiry(request, pk)
    require(request.user, "topics.keep_inquiry", inquiry)
    with reported(request, _("The answers have been kept in the library.")) as outcome:
        document = inquiries_mod.inquiry_keep_in_library(inquiry=inquiry, person=request.user)
    if not outcome.ok:
        return redirect("inquiry_detail", pk=inquiry.pk)
    return redirect("document_detail", pk=document.pk)
