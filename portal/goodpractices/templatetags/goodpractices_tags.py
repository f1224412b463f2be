from django import template

from portal.core.templatetags.portal_tags import lang_attr

register = template.Library()


register.filter("lang_attr", lang_attr)
