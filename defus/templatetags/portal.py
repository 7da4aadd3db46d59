from django import template

register = template.Library()


@register.filter
def iso(value):
    """A machine-readable time for <time datetime>, without fractions of a second (HTML allows at most three)."""
    if not value:
        return ""
    return value.replace(microsecond=0).isoformat()
