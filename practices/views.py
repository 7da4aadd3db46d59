"""The practice register's pages: list, entry, the guided entry in seven steps, submitting and reviewing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernel.paging import paginate
from members import bylaws
from practices import selectors, services
from practices.exchange import exchange_context
from practices.filters import PracticeFilter
from practices.forms import STEP_SLUGS, STEPS, ProblemForm, ReviewForm
from topics.policies.documents import visible_documents

PER_PAGE = 20


@login_not_required
def practice_list(request):
    """Everyone reads the published public entries here (the public site); members read theirs too."""
    filters = PracticeFilter(request.GET or None, queryset=selectors.practice_list(user=request.user))
    page, query = paginate(request, filters.qs, PER_PAGE)
    return render(request, "practices/practice_list.html", {"filters": filters, "page": page, "query": query})


class SignInFirst(Exception):
    """An entry hidden from a visitor: they are sent to sign in (whether it exists or not, so nothing leaks)."""


def _visible(request, pk):
    practice = selectors.practice_detail(user=request.user, pk=pk)
    if practice is None:
        if not request.user.is_authenticated:
            raise SignInFirst
        if not bylaws.has_member_access(request.user):
            raise PermissionDenied
        raise Http404
    return practice


@login_not_required
def practice_detail(request, pk):
    try:
        practice = _visible(request, pk)
    except SignInFirst:
        return redirect_to_login(request.get_full_path())
    may_edit = request.user.has_perm("practices.edit_practice", practice)
    context = {
        "practice": practice,
        "steps": STEPS,
        "may_edit": may_edit,
        "may_review": request.user.has_perm("practices.review_practice", practice),
        "missing": services.eucpn_missing(practice) if may_edit else [],
        "cities": selectors.crime_figures(user=request.user, practice=practice, today=timezone.localdate()),
        "reviews": list(practice.reviews.all()),
        "report": (
            practice.evaluation_report if visible_documents.check(request.user, practice.evaluation_report) else None
        ),
        "member": bylaws.has_member_access(request.user),
        **exchange_context(request, practice),
    }
    return render(request, "practices/practice_detail.html", context)


def _step_page(request, *, practice, index, form):
    slug, label, _form = STEPS[index]
    context = {"practice": practice, "steps": STEPS, "index": index, "step": slug, "label": label, "form": form}
    return render(request, "practices/practice_step.html", context)


def practice_create(request):
    """The first step (the problem) of a new entry; saving it creates the draft."""
    if not request.user.has_perm("practices.write_practice"):
        raise PermissionDenied
    form = ProblemForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        practice = services.practice_save(form=form, user=request.user)
        messages.success(request, _("Draft saved."))
        return redirect("practice_edit", pk=practice.pk, step=STEP_SLUGS[1])
    return _step_page(request, practice=None, index=0, form=form)


def practice_edit(request, pk, step):
    practice = _visible(request, pk)
    if step not in STEP_SLUGS:
        raise Http404
    if not request.user.has_perm("practices.edit_practice", practice):
        raise PermissionDenied
    index = STEP_SLUGS.index(step)
    form_class = STEPS[index][2]
    form = form_class(request.POST or None, instance=practice, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.practice_save(form=form, user=request.user)
        messages.success(request, _("Draft saved."))
        if "next" in request.POST and index + 1 < len(STEPS):
            return redirect("practice_edit", pk=practice.pk, step=STEP_SLUGS[index + 1])
        if "next" in request.POST:
            return redirect("practice_detail", pk=practice.pk)
        return redirect("practice_edit", pk=practice.pk, step=step)
    return _step_page(request, practice=practice, index=index, form=form)


@require_POST
def practice_submit(request, pk):
    practice = _visible(request, pk)
    if not request.user.has_perm("practices.edit_practice", practice):
        raise PermissionDenied
    try:
        services.practice_submit(practice=practice, user=request.user)
    except ValidationError as error:
        messages.error(request, _("The practice cannot be submitted for review yet."))
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Submitted for review. The secretariat and a second reviewer will rate it."))
    return redirect("practice_detail", pk=practice.pk)


def practice_review(request, pk):
    practice = _visible(request, pk)
    if not request.user.has_perm("practices.review_practice", practice):
        raise PermissionDenied
    reviews = list(practice.reviews.all())
    seat = services.open_seat(practice=practice, reviewer=request.user, reviews=reviews)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and seat is not None and form.is_valid():
        try:
            services.review_record(practice=practice, reviewer=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your rating has been recorded."))
            return redirect("practice_detail", pk=practice.pk)
    context = {"practice": practice, "form": form, "seat": seat, "reviews": reviews}
    return render(request, "practices/practice_review.html", context)
