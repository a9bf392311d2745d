"""Regional train-the-trainer events and the people registered for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet

from curricula.models import CurriculumPage
from pages.models import USState

from .admin_forms import EventPageForm

ORGANIZER_GROUP = "Event organizer"


class Delivery(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"


class EventQuerySet(PageQuerySet):
    def upcoming(self, *, today=None):
        """Live events that have not ended, soonest first."""
        today = today or timezone.localdate()
        return self.live().public().filter(end_date__gte=today).order_by("start_date", "title")

    def past(self, *, today=None):
        """Live events that have ended, most recent first."""
        today = today or timezone.localdate()
        return self.live().public().filter(end_date__lt=today).order_by("-start_date", "title")


class EventIndexPage(Page):
    """The list of regional training events, with filters and an iCal feed."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    def serve(self, request, *args, **kwargs):
        from .views import event_index_serve

        return event_index_serve(request, self)


class EventPage(Page):
    """A regional training event that equips agency personnel to deliver a certified curriculum."""

    curriculum = models.ForeignKey(
        CurriculumPage,
        on_delete=models.PROTECT,
        related_name="events",
        help_text="An approved, unexpired curriculum from the catalog.",
    )
    start_date = models.DateField()
    end_date = models.DateField()
    delivery = models.CharField(
        max_length=20, choices=Delivery.choices, default=Delivery.IN_PERSON
    )
    city = models.CharField(max_length=120, blank=True)
    state = models.ForeignKey(
        USState, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    venue = models.CharField("Venue name and address", max_length=255, blank=True)
    capacity = models.PositiveIntegerField(
        help_text="Confirmed places; further registrations wait."
    )
    registration_deadline = models.DateField()
    audience = models.CharField(
        max_length=255, help_text="Who should attend, for example: agency trainers."
    )
    description = models.TextField(blank=True)
    contact_name = models.CharField(max_length=255)
    contact_email = models.EmailField()
    organizers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organized_events",
        help_text="People in the Event organizer group who see and export the attendees.",
    )

    objects = PageManager.from_queryset(EventQuerySet)()
    base_form_class = EventPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("curriculum"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        MultiFieldPanel(
            [FieldPanel("delivery"), FieldPanel("venue"), FieldPanel("city"), FieldPanel("state")],
            heading="Where",
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("registration_deadline"),
                FieldPanel("audience"),
                FieldPanel("description"),
            ],
            heading="Registration",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("organizers")],
            heading="Contact and organizers",
        ),
    ]
    api_fields = [
        APIField("start_date"),
        APIField("end_date"),
        APIField("delivery"),
        APIField("city"),
        APIField("state_code"),
        APIField("capacity"),
        APIField("registration_deadline"),
        APIField("audience"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    @property
    def state_code(self) -> str:
        return self.state.code if self.state_id else ""

    @property
    def location_label(self) -> str:
        if self.delivery == Delivery.VIRTUAL:
            return "Virtual"
        return ", ".join(part for part in [self.venue, self.city, self.state_code] if part)

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.curriculum_id
            and not CurriculumPage.objects.in_catalog().filter(pk=self.curriculum_id).exists()
        ):
            errors["curriculum"] = (
                "Choose a curriculum that is live in the catalog, approved and not expired."
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The event cannot end before it starts."
        if (
            self.start_date
            and self.registration_deadline
            and (self.registration_deadline > self.start_date)
        ):
            errors["registration_deadline"] = "Registration must close by the first day."
        if self.delivery == Delivery.IN_PERSON:
            if not self.city:
                errors["city"] = "An in-person event needs a city."
            if not self.state_id:
                errors["state"] = "An in-person event needs a state."
        if self.pk and self.capacity is not None:
            confirmed = self.registrations.filter(status=Registration.Status.CONFIRMED).count()
            if self.capacity < confirmed:
                errors["capacity"] = (
                    f"{confirmed} people already hold a confirmed place; the capacity cannot "
                    "be lower."
                )
        if errors:
            raise ValidationError(errors)

    def registration_open(self, *, today=None) -> bool:
        today = today or timezone.localdate()
        return today <= self.registration_deadline

    def confirmed_count(self) -> int:
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    def places_left(self) -> int:
        return max(self.capacity - self.confirmed_count(), 0)

    def serve(self, request, *args, **kwargs):
        from .views import event_detail_serve

        return event_detail_serve(request, self)


class Registration(models.Model):
    """One person's place (or place in line) at an event, confirmed by email."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting email confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        WAITLISTED = "waitlisted", "On the waitlist"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(max_length=150)
    agency = models.CharField(max_length=255)
    role = models.CharField(max_length=150)
    email = models.EmailField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    # The time the address was confirmed: the waitlist is served in this order.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    week_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    day_reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "confirmed_at", "created_at"]
        permissions = [("view_attendees", "Can see and export the attendees of own events")]
        indexes = [models.Index(fields=["event", "status", "confirmed_at"])]

    def __str__(self):
        return f"{self.name} <{self.email}> ({self.get_status_display()})"
