"""The site the fuzz layer attacks: the demo content, a subscriber, a provider with a draft,
a draft of the standards open for comment and a version whose comment summary is published."""

import datetime
from dataclasses import dataclass

import pytest
import wagtail_factories
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page

from mailing.links import confirm_url, manage_url, unsubscribe_url
from mailing.models import Subscriber
from pages.demo import demo_content_seed
from review_workflow.core.permissions import COORDINATOR
from review_workflow.models import StandardsVersion
from review_workflow.services.comments import (
    comment_answer,
    comment_moderate,
    comment_period_open,
    comment_submit,
    comment_summary_publish,
)
from review_workflow.services.submissions import submission_create
from tests.fuzz.targets import (
    PAGE_SUBPATHS,
    PAGE_TYPE_PARAMETERS,
    PUBLIC_GET_PARAMETERS,
    SEARCH_PAGE_TYPES,
)
from tests.review_workflow.conftest import make_organization, make_user
from training_events.models import EventPage


@dataclass(frozen=True)
class GetTarget:
    path: str
    parameters: tuple[str, ...]


def local(url: str) -> str:
    return "/" + url.split("://", 1)[-1].split("/", 1)[-1] if "://" in url else url


@pytest.fixture
def fuzz_site(db):
    demo_content_seed()
    wagtail_factories.ImageFactory(title="Fuzz image")
    subscriber = Subscriber.objects.create(email="sam@example.org", status="pending")
    organization = make_organization("Fuzz Academy")
    provider = make_user("fuzz-provider", group="Provider", organization=organization)
    draft = submission_create(organization=organization, user=provider, title="Fuzzed")
    coordinator = make_user("fuzz-coordinator", group=COORDINATOR)
    return {
        "subscriber": subscriber,
        "provider": provider,
        "draft": draft,
        "commented": _commented_version("Fuzz draft", coordinator),
        "summarised": _commented_version("Fuzz summarised", coordinator, summarise=True),
    }


def _commented_version(name: str, coordinator, *, summarise: bool = False) -> StandardsVersion:
    """A draft open for comment with one published comment; with `summarise`, retired with
    its summary published."""
    today = timezone.localdate()
    version = StandardsVersion.current().copy_as_draft(name=name, effective_date=today)
    comment_period_open(
        version_id=version.pk,
        user=coordinator,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
    )
    comment = comment_submit(
        version_id=version.pk,
        standard_id=version.standards.first().pk,
        name="Fuzz commenter",
        organization="",
        role="researcher",
        comment="A comment.",
        client="192.0.2.1",
    )
    comment_moderate(comment_id=comment.pk, user=coordinator, decision="approve")
    if summarise:
        comment_answer(comment_id=comment.pk, user=coordinator, response="An answer.")
        version.status = StandardsVersion.Status.RETIRED
        version.save()
        comment_summary_publish(
            period_id=version.comment_period.pk, user=coordinator, summary="A summary."
        )
    return version


@pytest.fixture
def browser():
    """A client as a browser is: it sees the response a server error would give."""
    cache.clear()
    return Client(raise_request_exception=True)


def _path_for(name: str, site: dict) -> list[str]:
    subscriber = site["subscriber"]
    document = get_document_model().objects.first()
    special = {
        "wagtailapi:pages:detail": lambda: [reverse(name, args=[Page.objects.live().first().pk])],
        "wagtailapi:images:detail": lambda: [
            reverse(name, args=[wagtail_factories.ImageFactory._meta.model.objects.first().pk])
        ],
        "wagtailapi:documents:detail": lambda: (
            [reverse(name, args=[document.pk])] if document else []
        ),
        "wagtaildocs_serve": lambda: [local(document.url)] if document else [],
        "accounts:verify": lambda: [reverse(name, args=["not-a-token"])],
        "accounts:password_reset_confirm": lambda: [reverse(name, args=["MQ", "set-password"])],
        "standards:version": lambda: [reverse(name, args=[StandardsVersion.current().pk])],
        "standards:comment": lambda: [reverse(name, args=[site["commented"].pk])],
        "standards:comment_summary": lambda: [reverse(name, args=[site["summarised"].pk])],
        "mailing:confirm": lambda: [local(confirm_url(subscriber))],
        "mailing:preferences": lambda: [local(manage_url(subscriber))],
        "mailing:unsubscribe": lambda: [local(unsubscribe_url(subscriber))],
        "sitemap.xml": lambda: ["/sitemap.xml"],
        "verification:record": lambda: [reverse(name, args=["NOT-A-CODE"])],
        "events:registration_confirm": lambda: [reverse(name, args=["not-a-token"])],
        "events:registration_cancel": lambda: [reverse(name, args=["not-a-token"])],
        "events-calendar:calendar_event": lambda: [
            reverse(name, args=[event.pk]) for event in EventPage.objects.live()[:1]
        ],
        "wagtailapi:events:detail": lambda: [
            reverse(name, args=[event.pk]) for event in EventPage.objects.live()[:1]
        ],
        "impact-portal:outcome_new": lambda: [reverse(name, args=[1])],
        "wagtail_serve": lambda: [],
    }
    return special[name]() if name in special else [reverse(name)]


def _page_targets() -> list[GetTarget]:
    targets = []
    for page in Page.objects.live().specific():
        label = page._meta.label
        if label in SEARCH_PAGE_TYPES or page.url is None or page.depth < 2:
            continue
        targets.append(GetTarget(local(page.url), PAGE_TYPE_PARAMETERS[label]))
        for subpath, parameters in PAGE_SUBPATHS.get(label, {}).items():
            targets.append(GetTarget(local(page.url) + subpath, parameters))
    return targets


@pytest.fixture
def get_targets(fuzz_site) -> list[GetTarget]:
    """Every public URL with the parameters its view reads."""
    targets = [
        GetTarget(path, parameters)
        for name, parameters in PUBLIC_GET_PARAMETERS.items()
        for path in _path_for(name, fuzz_site)
    ]
    return targets + _page_targets()
