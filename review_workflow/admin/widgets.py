"""Widgets the review's admin forms share."""

from django import forms


def native_date_input() -> forms.DateInput:
    """The browser's own date control.

    Wagtail's date picker has icon-only buttons without names (wagtail/wagtail#5325); the
    browser's control is named by the field's label and works with a keyboard.
    """
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
