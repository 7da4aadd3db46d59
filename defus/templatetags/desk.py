from django import template

from defus.desk import work_queue

register = template.Library()


@register.inclusion_tag("admin/_desk.html", takes_context=True)
def desk(context):
    """The secretariat's work queue for the person looking at the admin start page."""
    request = context["request"]
    return {"lines": work_queue(request.user)}
