"""One of each role the platform knows, around one submission under review, and a concrete
address for every URL the resolver knows, pointing at that world's own records."""

import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from mailing.models import Announcement
from pages.demo import demo_content_seed
from pages.models import SiteSettings
from review_workflow.core.permissions import (
    ADMINISTRATOR,
    COMMUNICATIONS_EDITOR,
    COORDINATOR,
    PROVIDER,
)
from review_workflow.models import AppealAssignment, Assignment, Material, StandardsVersion
from review_workflow.services.appeals import (
    appeal_assignment_respond,
    appeal_draft_save,
    appeal_lodge,
    appeal_reviewers_assign,
)
from review_workflow.services.comments import (
    comment_moderate,
    comment_period_open,
    comment_submit,
)
from review_workflow.services.panel import assignment_respond, reviewers_assign
from review_workflow.services.submissions import submission_create
from tests.review_workflow.conftest import (
    HEALTH,
    LAW,
    fill_complete,
    make_organization,
    make_reviewer,
    make_user,
)
from tests.review_workflow.states import decide, move, reviews_submitted
from training_events.models import EventPage

ANONYMOUS = "anonymous"
PROVIDER_A = "provider of organization A"
PROVIDER_B = "provider of organization B"
REVIEWER_ASSIGNED = "assigned reviewer"
REVIEWER_UNASSIGNED = "unassigned reviewer"
REVIEWER_CONFLICTED = "conflicted reviewer"
COORDINATOR_ROLE = "coordinator"
EDITOR_ROLE = "communications editor"
MODERATOR_ROLE = "moderator"
ADMINISTRATOR_ROLE = "administrator"
ROLES = [
    ANONYMOUS,
    PROVIDER_A,
    PROVIDER_B,
    REVIEWER_ASSIGNED,
    REVIEWER_UNASSIGNED,
    REVIEWER_CONFLICTED,
    COORDINATOR_ROLE,
    EDITOR_ROLE,
    MODERATOR_ROLE,
    ADMINISTRATOR_ROLE,
]


@dataclass
class World:
    users: dict = field(default_factory=dict)
    submission: object = None
    assignment: object = None
    material: object = None
    appeal: object = None
    appeal_assignment: object = None
    comment: object = None


def world_build() -> World:
    """The demo site, one person per role, A's submission in review by two reviewers, a
    third having declined for a conflict of interest, A's appeal of another decision, and a
    draft of the standards open for public comment with one published comment."""
    demo_content_seed()
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # made on first use otherwise
    org_a, org_b = make_organization("Academy A"), make_organization("Academy B")
    coordinator = make_user("coordinator", group=COORDINATOR)
    moderator = make_user("moderator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    users = {
        PROVIDER_A: make_user("provider-a", group=PROVIDER, organization=org_a),
        PROVIDER_B: make_user("provider-b", group=PROVIDER, organization=org_b),
        REVIEWER_ASSIGNED: make_reviewer("officer", LAW),
        REVIEWER_UNASSIGNED: make_reviewer("outsider", LAW, HEALTH),
        REVIEWER_CONFLICTED: make_reviewer("conflicted", LAW, HEALTH),
        COORDINATOR_ROLE: coordinator,
        EDITOR_ROLE: make_user("editor", group=COMMUNICATIONS_EDITOR),
        MODERATOR_ROLE: moderator,
        ADMINISTRATOR_ROLE: make_user("administrator", group=ADMINISTRATOR),
    }
    clinician = make_reviewer("clinician", HEALTH)
    submission = submission_create(
        organization=org_a, user=users[PROVIDER_A], title="Calm Contact"
    )
    fill_complete(submission, users[PROVIDER_A])
    move(submission, "submit", users[PROVIDER_A])
    move(submission, "start_screening", coordinator)
    move(submission, "accept_for_review", coordinator)
    panel = [users[REVIEWER_ASSIGNED], clinician, users[REVIEWER_CONFLICTED]]
    reviewers_assign(
        submission_id=submission.pk, reviewer_ids=[user.pk for user in panel], user=coordinator
    )
    for reviewer in panel:
        assignment = Assignment.objects.get(submission=submission, reviewer=reviewer)
        if reviewer == users[REVIEWER_CONFLICTED]:
            assignment_respond(
                assignment_id=assignment.pk,
                user=reviewer,
                answer="conflict",
                statement="I trained with this provider last year.",
            )
        else:
            assignment_respond(
                assignment_id=assignment.pk, user=reviewer, answer="accept", no_conflict=True
            )
    Announcement.objects.create(subject="Matrix announcement", body="Hello.")
    appeal = _appeal_build(org_a, users, clinician, coordinator)
    comment = _comment_build(coordinator)
    return World(
        users=users,
        submission=submission,
        assignment=Assignment.objects.get(
            submission=submission, reviewer=users[REVIEWER_ASSIGNED]
        ),
        material=Material.objects.filter(submission=submission).first(),
        appeal=appeal,
        appeal_assignment=AppealAssignment.objects.get(
            appeal=appeal, reviewer=users[REVIEWER_ASSIGNED]
        ),
        comment=comment,
    )


def _comment_build(coordinator):
    """A draft copied from the version in effect, open for comment, with a published comment
    on its first standard."""
    draft = StandardsVersion.current().copy_as_draft(
        name="Matrix draft", effective_date=timezone.localdate()
    )
    comment_period_open(
        version_id=draft.pk,
        user=coordinator,
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    comment = comment_submit(
        version_id=draft.pk,
        standard_id=draft.standards.first().pk,
        name="Matrix commenter",
        organization="",
        role="community",
        comment="A comment.",
        client="192.0.2.1",
    )
    return comment_moderate(comment_id=comment.pk, user=coordinator, decision="approve")


def _appeal_build(org_a, users, clinician, coordinator):
    """A's second curriculum, not approved by its own panel, under appeal: the assigned
    reviewer, who never saw it, sits on the appeal panel and has declared no conflict."""
    second = fill_complete(
        submission_create(organization=org_a, user=users[PROVIDER_A], title="Steady Voices"),
        users[PROVIDER_A],
    )
    move(second, "submit", users[PROVIDER_A])
    move(second, "start_screening", coordinator)
    move(second, "accept_for_review", coordinator)
    original = SimpleNamespace(
        officer=make_reviewer("second-officer", LAW), clinician=clinician, coordinator=coordinator
    )
    reviewers_assign(
        submission_id=second.pk,
        reviewer_ids=[original.officer.pk, clinician.pk],
        user=coordinator,
    )
    decide(original, reviews_submitted(original, second), "not_approved", feedback="Too short.")
    appeal = appeal_draft_save(
        submission_id=second.pk, user=users[PROVIDER_A], grounds="Module 3 was overlooked."
    )
    appeal_lodge(appeal_id=appeal.pk, user=users[PROVIDER_A], expected_status="draft")
    arbiter = make_reviewer("arbiter", LAW, HEALTH)
    appeal_reviewers_assign(
        appeal_id=appeal.pk,
        reviewer_ids=[users[REVIEWER_ASSIGNED].pk, arbiter.pk],
        user=coordinator,
    )
    place = AppealAssignment.objects.get(appeal=appeal, reviewer=users[REVIEWER_ASSIGNED])
    appeal_assignment_respond(
        assignment_id=place.pk, user=users[REVIEWER_ASSIGNED], answer="accept", no_conflict=True
    )
    return appeal


@dataclass(frozen=True)
class Route:
    name: str
    path: str
    admin: bool


def routes(world: World) -> list[Route]:
    """Every URL the resolver knows, each with an address into the world's records."""
    found = []
    for name, pattern in _walk(get_resolver().url_patterns, "", ""):
        path = _address(name, pattern, world)
        if path is not None:
            found.append(Route(name, path, path.startswith("/admin/")))
    return found


def _walk(patterns, prefix: str, namespace: str):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, pattern


_STATIC_VALUES = {
    "action": "approve",
    "step": "materials",
    "content_type_app_name": "pages",
    "content_type_model_name": "newspage",
    "app_name": "pages",
    "model_name": "sitesettings",
    "filter_spec": "original",
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
    "code": "NOT-A-CODE",
}


def _address(name: str, pattern: URLPattern, world: World) -> str | None:
    """The path for `name`, or None when it cannot be reversed with these values."""
    regex = pattern.pattern.regex
    kwargs = {key: _value(name, key, world) for key in regex.groupindex}
    args = [] if kwargs else [_positional(name, index) for index in range(regex.groups)]
    if name == "wagtail_serve":
        return "/about/"
    try:
        return reverse(name, args=args, kwargs=kwargs)
    except Exception:  # a name shared by two patterns, or a value the pattern refuses
        return None


def _positional(name: str, index: int) -> str:
    document = get_document_model().objects.first()
    if name == "wagtaildocs_serve" and document:
        return [str(document.pk), document.filename][index]
    return "1"


def _value(name: str, key: str, world: World) -> str:
    if key in _STATIC_VALUES:
        return _STATIC_VALUES[key]
    if key == "token":
        return world.material.token if name == "portal:material_download" else "not-a-token"
    if key in {"page_id", "parent_page_id"}:
        return str(Page.objects.get(slug="news").pk)
    if key == "image_id":
        return str(_first_pk(get_image_model()))
    if key == "document_id":
        return str(_first_pk(get_document_model()))
    if key in {"pk", "instance_pk", "object_id"}:
        return str(_record_pk(name, world))
    return "1"


def _record_pk(name: str, world: World):
    if name == "standards_comments:comment":
        return world.comment.pk
    by_namespace = {
        "review_submission": lambda: world.submission.pk,
        "review_assignments": lambda: world.assignment.pk,
        "review_appeals": lambda: world.appeal.pk,
        "appeal_reviews": lambda: world.appeal_assignment.pk,
        "portal": lambda: world.submission.pk,
        "wagtailusers_users": lambda: world.users[ADMINISTRATOR_ROLE].pk,
        "wagtailusers_groups": lambda: Group.objects.get(name=ADMINISTRATOR).pk,
        "events_attendees": lambda: EventPage.objects.first().pk,
        "events_attendees_csv": lambda: EventPage.objects.first().pk,
        "mailing_announcement_send": lambda: Announcement.objects.first().pk,
        "mailing_announcement_send_confirm": lambda: Announcement.objects.first().pk,
        "standards": lambda: StandardsVersion.current().pk,
        "standards_comments": lambda: world.comment.period.version_id,
    }
    head = name.split(":")[0]
    if head in by_namespace:
        return by_namespace[head]()
    model = _model_named_in(name)
    return _first_pk(model) if model is not None else 1


def _first_pk(model):
    record = model._default_manager.order_by("pk").first()
    return record.pk if record else 1


def _model_named_in(name: str):
    """The model a snippet or modeladmin URL name is about (`<app>_<model>` inside it)."""
    for model in apps.get_models():
        key = f"{model._meta.app_label}_{model._meta.model_name}"
        if f"_{key}:" in f"_{name}" or name.startswith(f"{key}_modeladmin_"):
            return model
    return None
