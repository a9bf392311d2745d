"""Demo catalog entries, contributed to `seed_demo` through the `register_demo_content` hook."""

import datetime
from dataclasses import dataclass

from django.utils.text import slugify

from pages.demo import child_page_get_or_create
from pages.models import Audience, DeliveryMethod, HomePage, ProviderType, TopicArea, USState

from .models import CatalogPage, CurriculumPage

APPROVAL_TERM_DAYS = 3 * 365


@dataclass(frozen=True)
class DemoCurriculum:
    title: str
    provider: str
    provider_type: str
    summary: str
    topics: tuple[str, ...]
    audiences: tuple[str, ...]
    delivery: tuple[str, ...]
    hours: str
    approved: datetime.date
    states: tuple[str, ...] = ()  # empty means nationwide
    fee: str = ""  # empty means free


DEMO_CURRICULA = [
    DemoCurriculum(
        "Integrating Communications, Assessment and Tactics for Patrol",
        "Riverside Regional Police Academy",
        "law-enforcement-agency-or-academy",
        "Scenario-heavy patrol course that combines crisis recognition, communication and "
        "tactical options to create time and distance.",
        (
            "de-escalation-tactics-and-techniques",
            "scenario-based-training",
            "communication-skills",
        ),
        ("law-enforcement-officers", "trainers-and-instructors"),
        ("in-person", "train-the-trainer"),
        "16",
        datetime.date(2026, 10, 6),
        ("OH", "KY", "IN"),
    ),
    DemoCurriculum(
        "Crisis Intervention Team Core Course",
        "Great Lakes CIT Partnership",
        "nonprofit-organization",
        "The 40-hour core course for crisis intervention teams, co-taught by officers, "
        "clinicians and people with lived experience.",
        (
            "crisis-intervention-teams-and-co-responder-models",
            "mental-and-behavioral-health-crisis-response",
            "suicide-prevention",
        ),
        ("law-enforcement-officers", "covered-mental-health-professionals"),
        ("in-person",),
        "40",
        datetime.date(2026, 9, 18),
        ("MI", "WI", "MN"),
    ),
    DemoCurriculum(
        "Active Bystandership for Officers",
        "Center for Peer Intervention Studies",
        "college-or-university",
        "Teaches officers to recognise and stop harmful actions by colleagues, and to accept "
        "intervention themselves.",
        ("duty-to-intervene-and-peer-intervention", "officer-safety-and-wellness"),
        ("law-enforcement-officers", "supervisors-and-leadership"),
        ("in-person", "live-virtual"),
        "8",
        datetime.date(2026, 8, 25),
    ),
    DemoCurriculum(
        "Responding to People with Disabilities",
        "Access and Justice Institute",
        "nonprofit-organization",
        "How to recognise autism, intellectual and developmental disabilities, deafness and "
        "mobility impairments, and adapt communication and tactics.",
        ("disability-awareness", "communication-skills"),
        ("law-enforcement-officers", "dispatchers-and-call-takers"),
        ("online-self-paced",),
        "4",
        datetime.date(2026, 8, 4),
    ),
    DemoCurriculum(
        "Dispatch Triage for Behavioral Health Calls",
        "Tri-County Emergency Communications",
        "law-enforcement-agency-or-academy",
        "Call-taking protocols that route behavioral health calls to the right responder "
        "and pass on what responders need to know.",
        ("community-responder-programs", "mental-and-behavioral-health-crisis-response"),
        ("dispatchers-and-call-takers",),
        ("blended",),
        "12",
        datetime.date(2026, 7, 14),
        ("CO",),
        "$180 per participant",
    ),
    DemoCurriculum(
        "Co-Responder Team Operations",
        "Northwest Behavioral Health Collaborative",
        "nonprofit-organization",
        "Joint training for officer and clinician pairs: roles, safety planning, information "
        "sharing and follow-up care.",
        ("crisis-intervention-teams-and-co-responder-models", "community-responder-programs"),
        ("law-enforcement-officers", "covered-mental-health-professionals"),
        ("in-person", "blended"),
        "24",
        datetime.date(2026, 6, 30),
        ("WA", "OR", "ID"),
        "$450 per team",
    ),
    DemoCurriculum(
        "Overdose Response and Recovery Referral",
        "Harbor State Training Commission",
        "state-post-or-training-commission",
        "Naloxone administration, scene safety and warm hand-offs to treatment and recovery "
        "services.",
        ("substance-use-and-overdose-response", "alternatives-to-use-of-force"),
        ("law-enforcement-officers",),
        ("online-self-paced", "in-person"),
        "6",
        datetime.date(2026, 6, 2),
        ("MA", "RI"),
    ),
    DemoCurriculum(
        "Tactical Communication Under Stress",
        "Verbal Defense Associates",
        "private-company",
        "Verbal skills for tense encounters, practised in graded scenarios with "
        "physiological stress.",
        (
            "communication-skills",
            "de-escalation-tactics-and-techniques",
            "scenario-based-training",
        ),
        ("law-enforcement-officers", "trainers-and-instructors"),
        ("in-person", "train-the-trainer"),
        "20",
        datetime.date(2026, 5, 11),
        (),
        "$1,200 per instructor seat",
    ),
    DemoCurriculum(
        "Suicide Prevention for First Responders",
        "National Association of Crisis Trainers",
        "professional-association",
        "Recognising suicide risk in the public and among colleagues, safe conversations and "
        "connection to care.",
        ("suicide-prevention", "officer-safety-and-wellness"),
        ("law-enforcement-officers", "dispatchers-and-call-takers", "supervisors-and-leadership"),
        ("live-virtual",),
        "3",
        datetime.date(2026, 4, 20),
    ),
    DemoCurriculum(
        "Procedural Justice in Everyday Encounters",
        "Southern Plains Police Academy",
        "law-enforcement-agency-or-academy",
        "Voice, neutrality, respect and trustworthiness applied to stops, calls for service "
        "and crisis encounters.",
        ("procedural-justice-and-community-trust", "communication-skills"),
        ("law-enforcement-officers", "supervisors-and-leadership"),
        ("in-person",),
        "8",
        datetime.date(2026, 3, 9),
        ("TX", "OK"),
    ),
    DemoCurriculum(
        "Measuring What Training Changes",
        "Institute for Policing Research",
        "college-or-university",
        "For training managers: designing pre- and post-tests, follow-up assessment and "
        "field outcome measures for de-escalation training.",
        ("training-evaluation-and-research",),
        ("trainers-and-instructors", "supervisors-and-leadership"),
        ("live-virtual", "online-self-paced"),
        "10",
        datetime.date(2026, 2, 16),
    ),
    DemoCurriculum(
        "Alternatives to Force: Time, Distance and Cover",
        "Mountain States POST Council",
        "state-post-or-training-commission",
        "Decision-making that uses time, distance and cover to reduce the need for force, "
        "with scenario debriefs.",
        (
            "alternatives-to-use-of-force",
            "de-escalation-tactics-and-techniques",
            "scenario-based-training",
        ),
        ("law-enforcement-officers",),
        ("in-person",),
        "12",
        datetime.date(2026, 1, 12),
        ("UT", "NV", "AZ", "NM"),
    ),
    DemoCurriculum(
        "Youth in Crisis: Developmentally Informed Responses",
        "Coastal Youth Justice Network",
        "nonprofit-organization",
        "Responding to young people in crisis, including those with trauma histories and "
        "developmental disabilities.",
        ("mental-and-behavioral-health-crisis-response", "disability-awareness"),
        ("law-enforcement-officers", "covered-mental-health-professionals"),
        ("blended",),
        "7.5",
        datetime.date(2025, 12, 8),
        ("CA", "HI"),
        "$95 per participant",
    ),
]


# The fuller public profile of one demo entry, as an approval through the review fills it.
DEMO_PROFILES = {
    "Integrating Communications, Assessment and Tactics for Patrol": {
        "learning_objectives": (
            "Recognise signs of a behavioral health crisis during a patrol contact.\n"
            "Use time, distance and cover to create options.\n"
            "Apply the critical decision-making model under stress."
        ),
        "modules": [
            {
                "type": "module",
                "value": {"title": "Crisis recognition", "hours": "4", "description": ""},
            },
            {
                "type": "module",
                "value": {"title": "Tactical communication", "hours": "6", "description": ""},
            },
            {
                "type": "module",
                "value": {"title": "Integrated scenarios", "hours": "6", "description": ""},
            },
        ],
        "standards_met": [
            {
                "type": "standard",
                "value": {"code": "1.1", "title": "Curriculum grounded in current research"},
            },
            {
                "type": "standard",
                "value": {"code": "2.3", "title": "Scenario-based practice with feedback"},
            },
        ],
        "enrolment": "Courses run monthly in Columbus; agencies enrol officers by email.",
        "contact_name": "Training coordinator",
        "materials_url": "https://example.org/icat-materials",
    },
}


def _terms(model, slugs):
    return list(model.objects.filter(slug__in=slugs))


def catalog_demo_seed(*, home: HomePage) -> int:
    """Create the catalog page and its demo curricula; return how many pages were created."""
    catalog, created_count = child_page_get_or_create(
        parent=home,
        page_class=CatalogPage,
        slug="catalog",
        title="Catalog of Approved Curricula",
        show_in_menus=True,
        intro=(
            "De-escalation and crisis response curricula that independent experts have "
            "reviewed and approved against the national standards."
        ),
    )
    created_count = int(created_count)
    for item in DEMO_CURRICULA:
        _, created = child_page_get_or_create(
            parent=catalog,
            page_class=CurriculumPage,
            slug=_slug(item.title),
            title=item.title,
            provider_name=item.provider,
            provider_type=ProviderType.objects.get(slug=item.provider_type),
            summary=item.summary,
            topic_areas=_terms(TopicArea, item.topics),
            audiences=_terms(Audience, item.audiences),
            delivery_methods=_terms(DeliveryMethod, item.delivery),
            duration_hours=item.hours,
            is_free=not item.fee,
            cost_description=item.fee,
            offered_nationwide=not item.states,
            states=list(USState.objects.filter(code__in=item.states)),
            approval_date=item.approved,
            expiry_date=item.approved + datetime.timedelta(days=APPROVAL_TERM_DAYS),
            standards_version="National Standards v1.0",
            website="",
            contact_email=f"training@{_slug(item.provider)}.example.org",
            **DEMO_PROFILES.get(item.title, {}),
        )
        created_count += int(created)
    return created_count


def _slug(text: str) -> str:
    return slugify(text)[:80]
