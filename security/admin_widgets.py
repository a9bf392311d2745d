"""Wagtail's chooser widgets without inline scripts.

Wagtail 8 writes each chooser's start-up call (`new PageChooser(id, options)`) as an inline
`<script>`, which a Content-Security-Policy without 'unsafe-inline' blocks. Here the call
becomes a marker that security/static/security/admin-init.js starts. Choosers with their own
start-up code (the workflow task chooser) keep Wagtail's output.
"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

_wagtail_render = BaseChooser.render


def _render_with_marker(self, name, value, attrs=None, renderer=None):
    if (
        type(self).render_js_init is not BaseChooser.render_js_init
        or not attrs
        or "id" not in attrs
    ):
        return _wagtail_render(self, name, value, attrs, renderer)
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    options = self.get_js_init_options(attrs["id"], name, value_data)
    marker = format_html(
        '<span hidden data-csp-init="chooser" data-csp-constructor="{}" data-csp-target="{}"'
        ' data-csp-config="{}"></span>',
        self.js_constructor,
        attrs["id"],
        json.dumps(options),
    )
    return mark_safe(widget_html + marker)  # noqa: S308 - widget_html is Wagtail's rendered HTML


def choosers_without_inline_scripts() -> None:
    """Make Wagtail's chooser widgets start from a marker instead of an inline script."""
    BaseChooser.render = _render_with_marker
