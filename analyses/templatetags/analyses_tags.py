from django import template

from kernel.charts import fmt

register = template.Library()


@register.filter
def num(value, decimals=0):
    """A figure in the current language's format with grouping (German: 12.345,6); – when missing."""
    return fmt(value, int(decimals))
