import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defus.lib.text import SingleLineFormField
from defus.lib.widgets import LongSelect
from members.models import Organisation
from topics.models import Document, WorkingGroup
from topics.uploads import check_upload

MAX_POST_LENGTH = 20000


class ThreadForm(forms.Form):
    title = SingleLineFormField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea({"rows": 8}),
        help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…)."),
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea({"rows": 6}),
        help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…)."),
    )


class HideForm(forms.Form):
    reason = SingleLineFormField(label=_("Reason (shown to the author)"), max_length=300)


class _UploadField(forms.FileField):
    def validate(self, value):
        super().validate(value)
        if value:
            check_upload(value)


def _year_choices():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, 1999, -1)]


class DocumentForm(forms.ModelForm):
    file = _UploadField(label=_("File"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_year_choices)

    class Meta:
        model = Document
        fields = ["title", "description", "label", "category", "language", "year", "organisation", "groups", "event"]
        widgets = {"groups": forms.CheckboxSelectMultiple, "description": forms.Textarea({"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(status=Organisation.Status.ACTIVE)
        self.fields["organisation"].initial = user.organisation_id
        # Formatted here, not at import, so the text follows the reader's language.
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint, OpenDocument or an image; at most %(max)s MB."
        ) % {"max": settings.DOCUMENT_MAX_BYTES // 1_000_000}
        groups = WorkingGroup.objects.filter(archived_at__isnull=True)
        if not user.has_perm("members.change_mandate"):
            # A document is filed for the groups one works in (the secretariat files for any).
            groups = groups.filter(membership__person=user, membership__status="active")
        self.fields["groups"].queryset = groups
        self.fields["year"].initial = timezone.localdate().year
        from events.models import Event
        from events.permissions import visible_events_q

        self.fields["event"].queryset = Event.objects.filter(
            visible_events_q(user), start__lte=timezone.now() + datetime.timedelta(days=60)
        ).order_by("-start")[:200]
        self.user = user

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("label") == Document.Label.GROUP and not cleaned.get("groups"):
            self.add_error("groups", _("A document for a working group needs at least one working group."))
        if cleaned.get("label") == Document.Label.BOARD and not self.user.has_perm("topics.upload_board_document"):
            self.add_error("label", _("Only the board and the secretariat can file board documents."))
        return cleaned


class VersionForm(forms.Form):
    file = _UploadField(label=_("New version"))


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    group = forms.ModelChoiceField(
        label=_("Working group"),
        required=False,
        queryset=WorkingGroup.objects.filter(archived_at__isnull=True),
        empty_label=_("all"),
        widget=LongSelect,
    )
    label = forms.ChoiceField(label=_("Sensitivity"), required=False, choices=[("", _("all"))] + Document.Label.choices)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("all"))] + Document.Category.choices
    )
    language = forms.ChoiceField(label=_("Language"), required=False, choices=[("", _("all"))] + settings.LANGUAGES)
    year = forms.TypedChoiceField(
        label=_("Year"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=lambda: [("", _("all"))] + _year_choices(),
    )

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year and not (2000 <= year <= datetime.date.today().year):
            raise ValidationError(_("Please choose a year from the list."))
        return year


class InquiryForm(forms.Form):
    title = SingleLineFormField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Question"),
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea({"rows": 6}),
        help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…)."),
    )
    deadline = forms.DateTimeField(
        label=_("Answers until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    group = forms.ModelChoiceField(
        label=_("Working group"),
        required=False,
        queryset=WorkingGroup.objects.none(),
        empty_label=_("All member organisations"),
        help_text=_("Ask every member organisation, or only the organisations in one of your working groups."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = WorkingGroup.objects.filter(
            archived_at__isnull=True, membership__person=user, membership__status="active"
        )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise ValidationError(_("The deadline must be in the future."))
        return deadline


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer of your organisation"),
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea({"rows": 6}),
        help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…)."),
    )
