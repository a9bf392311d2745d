"""Registration, confirmation, cancellation with waitlist promotion, and reminders."""

import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .links import cancel_url, confirm_url
from .models import EventPage, Registration
from .tasks import event_email_send

ACTIVE = [
    Registration.Status.PENDING,
    Registration.Status.CONFIRMED,
    Registration.Status.WAITLISTED,
]


class RegistrationClosed(Exception):
    """The event no longer takes registrations."""


def _email(registration: Registration, template: str, subject: str, **extra) -> None:
    context = {
        "registration": registration,
        "event": registration.event,
        "cancel_url": cancel_url(registration),
        **extra,
    }
    body = render_to_string(f"events/email/{template}.txt", context)
    transaction.on_commit(lambda: event_email_send.enqueue(subject, body, registration.email))


def registration_create(
    *, event: EventPage, name: str, agency: str, role: str, email: str
) -> Registration:
    """Record a registration and email the confirmation link (double opt-in)."""
    if not event.registration_open():
        raise RegistrationClosed
    email = email.strip().lower()
    with transaction.atomic():
        existing = event.registrations.filter(email=email, status__in=ACTIVE).first()
        if existing is not None:
            registration = existing
        else:
            registration = Registration.objects.create(
                event=event, name=name, agency=agency, role=role, email=email
            )
        if registration.status == Registration.Status.PENDING:
            _email(
                registration,
                "confirm",
                f"Confirm your registration: {event.title}",
                confirm_url=confirm_url(registration),
            )
        else:
            _email(registration, "already_registered", f"Your registration: {event.title}")
    return registration


def _locked_event(event_id: int) -> EventPage:
    # The event row is the lock: registrations and cancellations at one event run one at a time,
    # so a place is never given twice.
    return EventPage.objects.select_for_update().get(pk=event_id)


def registration_confirm(*, registration: Registration) -> Registration:
    """Confirm the address: a place if one is left, otherwise the waitlist."""
    with transaction.atomic():
        event = _locked_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.PENDING:
            return registration
        registration.confirmed_at = timezone.now()
        if event.confirmed_count() < event.capacity:
            registration.status = Registration.Status.CONFIRMED
            template, subject = "confirmed", f"Your place is confirmed: {event.title}"
        else:
            registration.status = Registration.Status.WAITLISTED
            template, subject = "waitlisted", f"You are on the waitlist: {event.title}"
        registration.save(update_fields=["status", "confirmed_at"])
        _email(registration, template, subject)
    return registration


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel a registration; a freed place goes to the first person on the waitlist."""
    with transaction.atomic():
        event = _locked_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return None
        held_place = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        _email(registration, "cancelled", f"Registration cancelled: {event.title}")
        if held_place:
            return waitlist_promote(event=event)
    return None


def waitlist_promote(*, event: EventPage) -> Registration | None:
    """Give free places to the waitlist in confirmation order; the caller holds the event lock."""
    promoted = None
    while event.confirmed_count() < event.capacity:
        waiting = (
            event.registrations.filter(status=Registration.Status.WAITLISTED)
            .order_by("confirmed_at", "pk")
            .first()
        )
        if waiting is None:
            break
        waiting.status = Registration.Status.CONFIRMED
        waiting.save(update_fields=["status"])
        _email(waiting, "promoted", f"A place opened up for you: {event.title}")
        promoted = promoted or waiting
    return promoted


def _reminder_due(days_left: int) -> str | None:
    """Which reminder an attendee is due, by days left: the week's, then the day's."""
    if days_left == 1:
        return "day_reminder_sent_at"
    if 1 < days_left <= 7:
        return "week_reminder_sent_at"
    return None


def event_reminders_send(*, today: datetime.date | None = None) -> int:
    """Email confirmed attendees 7 days and 1 day before their event, each reminder once."""
    today = today or timezone.localdate()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        event__live=True,
        event__start_date__gt=today,
        event__start_date__lte=today + datetime.timedelta(days=7),
    ).select_related("event")
    sent = 0
    for registration in due:
        days_left = (registration.event.start_date - today).days
        field = _reminder_due(days_left)
        if field is None or getattr(registration, field) is not None:
            continue
        # Claiming the row first makes a repeated or concurrent run send nothing twice.
        claimed = Registration.objects.filter(pk=registration.pk, **{f"{field}__isnull": True})
        if not claimed.update(**{field: timezone.now()}):
            continue
        subject = f"Reminder: {registration.event.title} starts in {days_left} day" + (
            "s" if days_left > 1 else ""
        )
        _email(registration, "reminder", subject, days_before=days_left)
        sent += 1
    return sent
