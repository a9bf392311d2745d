"""Draft announcements offered when news is published or a curriculum enters the catalog.

Only a draft is made: someone still reviews, approves and sends it, to the subscribers who
chose the page's topics.
"""

from django.db import transaction
from django.utils.html import escape
from wagtail.signals import page_published

# Page types whose first publication offers a draft announcement (by model label).
ANNOUNCED_PAGE_TYPES = {"pages.NewsPage", "curricula.CurriculumPage"}


def announcement_draft_for_page(page):
    """Create the draft for a newly published page with topics; None if there is nothing to do."""
    from .models import Announcement

    if page._meta.label not in ANNOUNCED_PAGE_TYPES or not _first_publication(page):
        return None  # only a page's first publication is news
    if Announcement.objects.filter(news_item=page).exists():
        return None
    topics = list(page.topic_areas.all())
    if not topics:
        return None
    lead = getattr(page, "intro", "") or getattr(page, "summary", "")
    with transaction.atomic():
        announcement = Announcement(
            subject=page.title[:150],
            body=f"<p>{escape(lead)}</p>",
            news_item=page,
            send_to_all=False,
            live=False,
        )
        announcement.topics.set(topics)  # a parental relation: saved with the announcement
        announcement.save()
        announcement.save_revision()
    return announcement


def _first_publication(page) -> bool:
    """Whether the page has just gone live for the first time.

    Publishing sets both dates to the same moment the first time and only the last one after
    that. Counting revisions would not do: an item saved as a draft (or autosaved) before it
    was submitted and approved has several by its first publication.
    """
    return bool(page.live and page.first_published_at) and (
        page.first_published_at == page.last_published_at
    )


def _on_page_published(sender, instance, **kwargs):
    announcement_draft_for_page(instance.specific)


def connect() -> None:
    page_published.connect(_on_page_published, dispatch_uid="mailing-announcement-drafts")
