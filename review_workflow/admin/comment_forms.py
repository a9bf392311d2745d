"""Admin forms of public comment: the period's days, moderation, a response, the summary."""

import datetime

from django import forms
from django.conf import settings

from ..services.comments import RESPONSE_MAX_LENGTH, SUMMARY_MAX_LENGTH
from .widgets import native_date_input

DEFAULT_PERIOD_DAYS = 30


class CommentPeriodForm(forms.Form):
    """The first and last days on which the public may comment (both included)."""

    opens_on = forms.DateField(label="First day", widget=native_date_input())
    closes_on = forms.DateField(
        label="Last day",
        widget=native_date_input(),
        help_text=f"Comments are taken until the end of this day, {settings.TIME_ZONE} time.",
    )

    @staticmethod
    def initial_for(period, today: datetime.date) -> dict:
        if period is not None:
            return {"opens_on": period.opens_on, "closes_on": period.closes_on}
        return {
            "opens_on": today,
            "closes_on": today + datetime.timedelta(days=DEFAULT_PERIOD_DAYS),
        }

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on <= opens_on:
            self.add_error("closes_on", "The comment period must end after the day it opens.")
        return data


class CommentModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[
            ("approve", "Publish the comment"),
            ("reject", "Do not publish it (it breaks the moderation policy)"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Why it is not published",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the comment is not published. Only the review team sees it.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("note", "").strip():
            self.add_error("note", "Say why the comment is not published.")
        return data


class CommentResponseForm(forms.Form):
    response = forms.CharField(
        label="Response",
        max_length=RESPONSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Published with the comment in the summary. It can be rewritten until the "
        "summary is published; every version is kept in the audit trail.",
    )


class CommentSummaryForm(forms.Form):
    summary = forms.CharField(
        label="Summary",
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="What the comments said, and what changed in the final version because of them.",
    )
