"""What events add to other apps' pages, so those apps need not import events."""

from django import template
from django.urls import reverse

from events.models import CalendarFeed
from kernel.emails import absolute_url

register = template.Library()


@register.inclusion_tag("events/_calendar_feed.html", takes_context=True)
def calendar_feed_section(context) -> dict:
    """The profile page's section on the person's secret calendar address (templates/members/profile_edit.html)."""
    feed = CalendarFeed.objects.filter(person=context["request"].user).first()
    feed_url = absolute_url(reverse("calendar_feed", args=[feed.token])) if feed else ""
    return {
        "csrf_token": context.get("csrf_token"),
        "feed_url": feed_url,
        "webcal_url": feed_url.replace("https://", "webcal://").replace("http://", "webcal://"),
    }
