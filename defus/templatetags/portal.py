from django import template
from django.utils import timezone
from django.utils.formats import date_format, time_format

from kernel.markup import markdown_as_text

register = template.Library()


@register.filter
def iso(value):
    """A machine-readable time for <time datetime>, without fractions of a second (HTML allows at most three)."""
    if not value:
        return ""
    return value.replace(microsecond=0).isoformat()


@register.filter
def until(start, end):
    """``start – end`` in the reader's format, the day written once when both fall on the same local day
    (``{{ event.start|until:event.end }}``: pages, emails and the guest's page alike)."""
    if not start or not end:
        return date_format(timezone.localtime(start), "DATETIME_FORMAT") if start else ""
    start, end = timezone.localtime(start), timezone.localtime(end)
    finish = time_format(end, "TIME_FORMAT") if start.date() == end.date() else date_format(end, "DATETIME_FORMAT")
    return f"{date_format(start, 'DATETIME_FORMAT')} – {finish}"


@register.filter
def markdown_text(value):
    """Markdown as readable plain text, for an email's text part (``{{ post.body|markdown_text }}``)."""
    return markdown_as_text(value or "")
