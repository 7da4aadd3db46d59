from django import template

from defus.desk import work_queue

register = template.Library()


@register.inclusion_tag("admin/_desk.html", takes_context=True)
def desk(context):
    """The secretariat's work queue for the person looking at the admin start page."""
    request = context["request"]
    return {"lines": work_queue(request.user)}


@register.inclusion_tag("_desk_today.html", takes_context=True)
def desk_today(context):
    """On the portal's start page, for the secretariat (staff): only the kinds of work waiting today, with their
    counts; nobody else's page asks anything."""
    user = context["request"].user
    if not user.is_staff:
        return {"lines": []}
    return {"lines": [line for line in work_queue(user) if line.count]}
