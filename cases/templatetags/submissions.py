from django import template
from django.utils.html import format_html

from cases.submissions import FIELD_NAME, token_for

register = template.Library()


@register.simple_tag(takes_context=True)
def form_token(context):
    """The hidden one-time token that makes a posted form take effect once (cases.submissions)."""
    return format_html(
        '<input type="hidden" name="{}" value="{}">', FIELD_NAME, token_for(context["request"])
    )
