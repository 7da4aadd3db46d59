from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.choosers import KINDS, SearchChoiceField, SearchMultipleChoiceField
from kernel.text import SingleLineFormField
from members.choosers import ORGANISATIONS
from topics.choosers import DOCUMENT_GROUPS
from topics.models import Document, WorkingGroup
from topics.permissions import document_filing_errors, filing_labels
from topics.policies.memberships import open_groups_of
from topics.uploads import check_upload

MAX_POST_LENGTH = 20000


class _UploadField(forms.FileField):
    def validate(self, value):
        super().validate(value)
        if value:
            check_upload(value)


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
    attachment = _UploadField(
        label=_("Attach a file (optional)"),
        required=False,
        help_text=_("It is filed in the group's library, visible to the group's members only."),
    )


class HideForm(forms.Form):
    reason = SingleLineFormField(label=_("Reason (shown to the author)"), max_length=300)


def year_choices():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, 1999, -1)]


class DocumentForm(forms.ModelForm):
    file = _UploadField(label=_("File"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices)

    class Meta:
        model = Document
        fields = ["title", "description", "label", "category", "language", "year", "organisation", "groups", "event"]
        widgets = {"description": forms.Textarea({"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Organisations, groups and events grow with the association: chosen by typing, never listed in full.
        # The events' kind is looked up by name: events is above topics and contributes it (events/choosers.py).
        for name, kind in [
            ("organisation", ORGANISATIONS),
            ("groups", DOCUMENT_GROUPS),
            ("event", KINDS["veranstaltungen-fuer-dokumente"]),
        ]:
            model_field = self.fields[name]
            chooser = (SearchMultipleChoiceField if name == "groups" else SearchChoiceField)(
                kind=kind, per_user=True, label=model_field.label, required=model_field.required
            )
            chooser.help_text = model_field.help_text
            self.fields[name] = chooser.limit_to(user)
        self.fields["organisation"].initial = user.organisation_id
        # Offered: only the labels this person may file with. Validated: every label, so a stale or forged
        # choice gets the rule's own message (document_filing_errors) rather than "not a valid choice".
        allowed = filing_labels(user)
        self.fields["label"].widget.choices = [c for c in self.fields["label"].choices if c[0] in allowed]
        # Formatted here, not at import, so the text follows the reader's language.
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, PowerPoint, OpenDocument or an image; at most %(max)s MB."
        ) % {"max": settings.DOCUMENT_MAX_BYTES // 1_000_000}
        self.fields["year"].initial = timezone.localdate().year
        self.user = user

    # Who sees a document of each label, said in the form's intro for the labels this person may choose.
    AUDIENCES = {
        Document.Label.PUBLIC: _("public (anyone)"),
        Document.Label.MEMBERS: _("all members"),
        Document.Label.GROUP: _("the chosen working groups"),
        Document.Label.BOARD: _("the board"),
    }

    def audiences(self) -> str:
        """ "public (anyone), all members or the chosen working groups": only what this person may choose."""
        offered = [value for value, _label in self.fields["label"].widget.choices]
        names = [str(self.AUDIENCES[value]) for value in offered if value in self.AUDIENCES]
        if len(names) < 2:
            return "".join(names)
        return f"{', '.join(names[:-1])} {_('or')} {names[-1]}"

    def clean(self):
        cleaned = super().clean()
        errors = document_filing_errors(self.user, label=cleaned.get("label"), groups=cleaned.get("groups"))
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned


class VersionForm(forms.Form):
    file = _UploadField(label=_("New version"))


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
        self.fields["group"].queryset = open_groups_of(user)

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
