"""The parts of a letter every email shares (kernel.letters): ``{% salutation recipient %}`` and the footer."""

from django import template

from kernel import letters

register = template.Library()


@register.simple_tag
def salutation(recipient=None):
    return letters.salutation(recipient)


@register.simple_tag
def letter_footer_lines():
    return letters.footer_lines()
