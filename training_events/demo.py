"""Demo events, contributed to `seed_demo` through the `register_demo_content` hook."""

import datetime

from django.utils import timezone

from curricula.models import CurriculumPage
from pages.demo import child_page_get_or_create
from pages.models import HomePage, USState

from .models import Delivery, EventIndexPage, EventPage

# (slug, title, curriculum slug, days from today to the start, length in days, city, state)
DEMO_EVENTS = [
    ("icat-instructor-course-columbus", "ICAT Instructor Course, Columbus",
     "integrating-communications-assessment-and-tactics-for-patrol", 20, 3, "Columbus", "OH"),
    ("cit-train-the-trainer-milwaukee", "CIT Train-the-Trainer, Milwaukee",
     "crisis-intervention-team-core-course", 45, 5, "Milwaukee", "WI"),
    ("active-bystandership-instructors-virtual", "Active Bystandership Instructor Session",
     "active-bystandership-for-officers", 10, 1, "", ""),
    ("tactical-communication-instructors-denver", "Tactical Communication Instructors, Denver",
     "tactical-communication-under-stress", -60, 2, "Denver", "CO"),
]  # fmt: skip


def events_demo_seed(*, home: HomePage) -> int:
    """Create the events page and a few events; return how many pages were created."""
    index, created_count = child_page_get_or_create(
        parent=home,
        page_class=EventIndexPage,
        slug="events",
        title="Training Events",
        show_in_menus=True,
        intro=(
            "Regional train-the-trainer events that equip agency personnel to deliver "
            "certified de-escalation training."
        ),
    )
    created_count = int(created_count)
    today = timezone.localdate()
    for slug, title, curriculum_slug, offset, days, city, state in DEMO_EVENTS:
        curriculum = CurriculumPage.objects.filter(slug=curriculum_slug).first()
        if curriculum is None:
            continue
        start = today + datetime.timedelta(days=offset)
        _, created = child_page_get_or_create(
            parent=index,
            page_class=EventPage,
            slug=slug,
            title=title,
            curriculum=curriculum,
            start_date=start,
            end_date=start + datetime.timedelta(days=days - 1),
            delivery=Delivery.IN_PERSON if city else Delivery.VIRTUAL,
            city=city,
            state=USState.objects.filter(code=state).first(),
            venue="Regional Training Center" if city else "",
            capacity=24,
            registration_deadline=start - datetime.timedelta(days=7),
            audience="Agency training officers who will teach the curriculum",
            contact_name="Regional Training Team",
            contact_email="events@example.org",
        )
        created_count += int(created)
    return created_count
