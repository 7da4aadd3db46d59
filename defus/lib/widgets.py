"""Form widgets."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A select rendered in Python rather than one template per option, with the same markup as Select.

    Filters that list every organisation or working group have hundreds of options at Efus size; rendering
    each option through a template took most of the list pages' time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
            )
            if group_name:
                rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
            parts.append(rendered)
        # Every part is built with format_html, which escapes names, values and labels.
        options_html = mark_safe("".join(parts))  # noqa: S308
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options_html)
