"""A small, known catalog and library to search, published the way editors publish."""

import datetime
from decimal import Decimal

from curricula.models import CatalogPage, CurriculumPage
from pages.models import (
    Audience,
    DeliveryMethod,
    ProviderType,
    ResourceLibraryPage,
    ResourcePage,
    ResourceType,
    TopicArea,
    USState,
)


def _terms(model, *slugs):
    return list(model.objects.filter(slug__in=slugs))


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def curriculum(catalog, title, **fields):
    states = fields.pop("states", ())
    page = CurriculumPage(
        title=title,
        provider_name=fields.pop("provider", "Training Provider"),
        provider_type=ProviderType.objects.get(
            slug=fields.pop("provider_type", "private-company")
        ),
        summary=fields.pop("summary", "A training course."),
        duration_hours=Decimal(fields.pop("hours", "8")),
        is_free=fields.pop("free", True),
        cost_description=fields.pop("fee", ""),
        offered_nationwide=not states,
        approval_date=fields.pop("approved", datetime.date(2026, 1, 1)),
        expiry_date=fields.pop("expires", datetime.date(2029, 1, 1)),
    )
    page.topic_areas.set(_terms(TopicArea, *fields.pop("topics", ("communication-skills",))))
    page.audiences.set(_terms(Audience, *fields.pop("audiences", ("law-enforcement-officers",))))
    page.delivery_methods.set(_terms(DeliveryMethod, *fields.pop("delivery", ("in-person",))))
    page.states.set(list(USState.objects.filter(code__in=states)))
    assert not fields, f"unknown fields {fields}"
    return publish_child(catalog, page)


def build_catalog(home):
    """Eight curricula spread over the filters, plus one expired and one unpublished."""
    catalog = publish_child(home, CatalogPage(title="Catalog", slug="catalog"))
    made = {
        "patrol": curriculum(
            catalog,
            "Patrol De-escalation Fundamentals",
            provider="Riverside Academy",
            provider_type="law-enforcement-agency-or-academy",
            summary="Time, distance and communication on patrol.",
            topics=("de-escalation-tactics-and-techniques", "communication-skills"),
            states=("OH", "KY"),
            hours="16",
            approved=datetime.date(2026, 5, 1),
        ),
        "cit": curriculum(
            catalog,
            "Crisis Intervention Team Course",
            provider="Lakes Partnership",
            provider_type="nonprofit-organization",
            summary="Responding to people in a mental health crisis.",
            topics=("crisis-intervention-teams-and-co-responder-models",),
            audiences=("law-enforcement-officers", "covered-mental-health-professionals"),
            states=("MI",),
            hours="40",
            free=False,
            fee="$300",
            approved=datetime.date(2026, 3, 1),
        ),
        "bystander": curriculum(
            catalog,
            "Active Bystandership",
            provider="Peer Intervention Center",
            provider_type="college-or-university",
            summary="Peer intervention to prevent harm, with patrol scenarios.",
            topics=("duty-to-intervene-and-peer-intervention",),
            delivery=("live-virtual",),
            hours="8",
            approved=datetime.date(2026, 7, 1),
        ),
        "dispatch": curriculum(
            catalog,
            "Dispatch Triage",
            provider="County Communications",
            summary="Routing behavioral health calls to the right responder.",
            topics=("community-responder-programs",),
            audiences=("dispatchers-and-call-takers",),
            delivery=("online-self-paced",),
            states=("CO",),
            hours="4",
            approved=datetime.date(2025, 11, 1),
        ),
        "disability": curriculum(
            catalog,
            "Responding to People with Disabilities",
            provider="Access Institute",
            provider_type="nonprofit-organization",
            summary="Autism and deafness awareness for patrol.",
            topics=("disability-awareness", "communication-skills"),
            delivery=("online-self-paced", "blended"),
            hours="6",
            approved=datetime.date(2026, 9, 1),
        ),
        "wellness": curriculum(
            catalog,
            "Officer Wellness and Suicide Prevention",
            provider="Crisis Patrol Trainers",
            provider_type="professional-association",
            summary="Recognising risk among colleagues.",
            topics=("suicide-prevention", "officer-safety-and-wellness"),
            audiences=("supervisors-and-leadership",),
            states=("OH",),
            hours="3",
            free=False,
            fee="$50",
            approved=datetime.date(2026, 2, 1),
        ),
        "expired": curriculum(
            catalog,
            "Expired Patrol Course",
            topics=("communication-skills",),
            approved=datetime.date(2020, 1, 1),
            expires=datetime.date(2023, 1, 1),
        ),
    }
    draft = curriculum(catalog, "Unpublished Patrol Course", topics=("communication-skills",))
    draft.unpublish()
    made["unpublished"] = draft
    return made


def build_library(home):
    library = publish_child(home, ResourceLibraryPage(title="Resources", slug="resources"))

    def resource(title, type_slug, topics, year, summary="A resource."):
        page = ResourcePage(
            title=title,
            summary=summary,
            resource_type=ResourceType.objects.get(slug=type_slug),
            publisher="Publisher",
            publication_date=datetime.date(year, 6, 1) if year else None,
            external_url="https://example.org/",
        )
        page.topic_areas.set(_terms(TopicArea, *topics))
        return publish_child(library, page)

    return {
        "guide": resource(
            "Community Responder Guide", "guide", ("community-responder-programs",), 2024
        ),
        "report": resource(
            "Crisis Response Report",
            "report",
            ("community-responder-programs", "mental-and-behavioral-health-crisis-response"),
            2023,
        ),
        "toolkit": resource("Scenario Toolkit", "toolkit", ("scenario-based-training",), 2024),
        "policy": resource(
            "Model Policy on Intervention",
            "model-policy",
            ("duty-to-intervene-and-peer-intervention",),
            None,
            summary="A model policy for community responder coordination.",
        ),
    }
