"""The parts of a letter every email shares (defus.lib.letters): ``{% salutation recipient %}`` and the footer."""

from django import template

from defus.lib import letters

register = template.Library()


@register.simple_tag
def salutation(recipient=None):
    return letters.salutation(recipient)


@register.simple_tag
def letter_footer_lines():
    return letters.footer_lines()
