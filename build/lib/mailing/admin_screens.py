"""Staff screens: subscriber CSV import, marking addresses in bulk, sending announcements."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from .importers import SubscriberImportFailed, subscribers_import
from .messages import announcement_message
from .models import Announcement, Delivery, Subscriber
from .services import (
    AnnouncementNotReady,
    announcement_audience,
    announcement_resume,
    announcement_send,
    subscriber_mark_undeliverable,
    subscriber_unsubscribe,
)


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text="UTF-8 CSV: email,topics,project_announcements,previously_confirmed,evidence"
    )
    consent_source = forms.CharField(
        max_length=255,
        help_text="Where these people agreed to be contacted, e.g. a 2026 conference sign-up sheet.",
    )


class BulkMarkForm(forms.Form):
    ACTIONS = [
        ("bounced", "Bounced"),
        ("complained", "Complained"),
        ("unsubscribed", "Unsubscribed"),
    ]
    emails = forms.CharField(widget=forms.Textarea, help_text="One address per line.")
    action = forms.ChoiceField(choices=ACTIONS)


def _require(request, codename):
    if not request.user.has_perm(f"mailing.{codename}"):
        raise PermissionDenied


def subscriber_import(request):
    _require(request, "add_subscriber")
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = subscribers_import(
                    data=form.cleaned_data["file"].read(),
                    consent_source=form.cleaned_data["consent_source"],
                )
            except SubscriberImportFailed as failure:
                problems = failure.problems
                status = 400
            else:
                messages.success(
                    request,
                    f"Imported {report.created} ({report.confirmed} previously confirmed); "
                    f"{report.skipped_existing} already on the list were left as they were.",
                )
                return redirect("/admin/mailing/subscriber/")
        else:
            status = 400
    return TemplateResponse(
        request, "mailing/admin/import.html", {"form": form, "problems": problems}, status=status
    )


def subscriber_bulk_mark(request):
    _require(request, "change_subscriber")
    form = BulkMarkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        emails = {
            line.strip().lower()
            for line in form.cleaned_data["emails"].splitlines()
            if line.strip()
        }
        action = form.cleaned_data["action"]
        changed = 0
        for email in emails:
            if action == "unsubscribed":
                subscriber = Subscriber.objects.filter(email__iexact=email).first()
                if subscriber:
                    subscriber_unsubscribe(subscriber)
                    changed += 1
            else:
                changed += subscriber_mark_undeliverable(email=email, status=action)
        messages.success(request, f"{changed} of {len(emails)} addresses marked {action}.")
        return redirect("/admin/mailing/subscriber/")
    return TemplateResponse(request, "mailing/admin/bulk_mark.html", {"form": form})


def announcement_send_screen(request, pk):
    """Send an approved announcement, send a test to oneself, and follow the progress."""
    _require(request, "send_announcement")
    announcement = get_object_or_404(Announcement, pk=pk)
    if request.method == "POST" and "test" in request.POST:
        if not request.user.email:
            messages.error(request, "Your account has no email address to send a test to.")
        else:
            test_recipient = Subscriber(email=request.user.email, link_key="test")
            announcement_message(announcement, test_recipient).send()
            messages.success(request, f"A test was sent to {request.user.email}.")
        return redirect("mailing_announcement_send", pk=pk)
    if request.method == "POST" and "resume" in request.POST:
        if announcement_resume(stalled_after=settings.MAILING_STALLED_AFTER, pk=pk):
            messages.success(request, "Sending resumed.")
        else:
            messages.error(request, "This send is not stalled.")
        return redirect("mailing_announcement_send", pk=pk)
    if request.method == "POST" and "send" in request.POST:
        # Sending cannot be recalled: it is only ever done from its confirmation page.
        return redirect("mailing_announcement_send_confirm", pk=pk)
    progress = dict(
        announcement.deliveries.values_list("status").annotate(n=Count("pk")).order_by()
    )
    return TemplateResponse(
        request,
        "mailing/admin/announcement_send.html",
        {
            "announcement": announcement,
            "progress": [
                (label, progress.get(value, 0)) for value, label in Delivery.Status.choices
            ],
            "audience": announcement_audience(announcement).count(),
            "stalled": _stalled(announcement),
            "failures": announcement.deliveries.filter(
                status=Delivery.Status.FAILED
            ).select_related("subscriber")[:100],
        },
    )


def announcement_send_confirm(request, pk):
    """Say who the announcement goes to; the confirmed POST sends it, once."""
    _require(request, "send_announcement")
    announcement = get_object_or_404(Announcement, pk=pk)
    if request.method == "POST" and "confirmed" in request.POST:
        try:
            count = announcement_send(announcement=announcement, user=request.user)
        except AnnouncementNotReady as refused:
            messages.error(request, str(refused))
            return redirect("mailing_announcement_send", pk=pk)
        messages.success(request, f"Sending to {count} subscribers.")
        return redirect("mailing_announcement_send", pk=pk)
    if not announcement.live or announcement.sending != Announcement.Sending.NOT_SENT:
        messages.error(
            request, "Only an approved announcement that has not been sent can be sent."
        )
        return redirect("mailing_announcement_send", pk=pk)
    return TemplateResponse(
        request,
        "mailing/admin/announcement_send_confirm.html",
        {"announcement": announcement, "audience": announcement_audience(announcement).count()},
    )


def _stalled(announcement) -> bool:
    """Sending, with no sign of its worker for longer than MAILING_STALLED_AFTER."""
    if announcement.sending != Announcement.Sending.QUEUED:
        return False
    last_seen = announcement.heartbeat_at or announcement.queued_at
    return (timezone.now() - last_seen).total_seconds() > settings.MAILING_STALLED_AFTER
