"""Every URL the resolver knows × every role: no role reads what it should not, and no role
changes anything through a door it should not pass.

`CEILINGS` says, for each family of URL names, which roles may be answered 200 there. A GET
answered 200 outside the ceiling fails the test; so does any write to the database from a POST
by a role outside the ceiling. A new URL falls under the last, strictest family until it is
given its own line.
"""

import re

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .world import (
    ADMINISTRATOR_ROLE,
    ANONYMOUS,
    COORDINATOR_ROLE,
    EDITOR_ROLE,
    MODERATOR_ROLE,
    PROVIDER_A,
    PROVIDER_B,
    REVIEWER_ASSIGNED,
    REVIEWER_CONFLICTED,
    REVIEWER_UNASSIGNED,
    ROLES,
    routes,
    world_build,
)

pytestmark = pytest.mark.django_db

EVERYONE = frozenset(ROLES)
PROVIDERS = frozenset({PROVIDER_A, PROVIDER_B})
REVIEWERS = frozenset({REVIEWER_ASSIGNED, REVIEWER_UNASSIGNED, REVIEWER_CONFLICTED})
STAFF = REVIEWERS | {COORDINATOR_ROLE, EDITOR_ROLE, MODERATOR_ROLE, ADMINISTRATOR_ROLE}
REVIEW_STAFF = frozenset({COORDINATOR_ROLE, ADMINISTRATOR_ROLE})
CONTENT_STAFF = frozenset({EDITOR_ROLE, MODERATOR_ROLE, ADMINISTRATOR_ROLE})
NOBODY = frozenset()

# (pattern on the URL name, roles that may be answered 200). The first match applies.
CEILINGS = [
    # Signing in and recovering an account are open to all.
    (r"^wagtailadmin_(login|password_reset\w*|sprite|javascript_catalog)$", EVERYONE),
    (r"^portal:register$|^impact-portal:register$", EVERYONE),
    # A's submission, its files and its certificate: A, and the staff who review it.
    (r"^portal:(submission_\w+|approval_certificate)$", {PROVIDER_A} | REVIEW_STAFF),
    (r"^portal:material_download$", {PROVIDER_A, REVIEWER_ASSIGNED} | REVIEW_STAFF),
    (r"^portal:", PROVIDERS),
    (r"^impact-portal:", NOBODY),  # no agency account in this world
    # The review: the assigned reviewer's own assignment; everything else is coordination.
    (r"^review_assignments:assignment$", {REVIEWER_ASSIGNED}),
    (r"^review_assignments:index$", REVIEWERS),
    # Appeals: a reviewer's own place on an appeal panel (the assigned reviewer sits on A's
    # appeal); the list, the appeal's file and its outcome are coordination.
    (r"^appeal_reviews:(assignment|download)$", {REVIEWER_ASSIGNED}),
    (r"^appeal_reviews:index$", REVIEWERS),
    (r"^review_appeals:", REVIEW_STAFF),
    (r"^(review_submission|review_oversight|reviewer_onboarding):", REVIEW_STAFF),
    (r"^review_workflow_\w+_modeladmin_", REVIEW_STAFF),
    (r"^wagtailsnippet\w*_review_workflow_standardsversion:", REVIEW_STAFF),
    # Public comment on draft standards: moderation, answers, export and summary.
    (r"^standards_comments:", REVIEW_STAFF),
    (r"^wagtailsnippet\w*_review_workflow_emailtemplate:", {ADMINISTRATOR_ROLE}),
    (r"^impact_adoption$", REVIEW_STAFF),
    # People, roles and delivery records: administrators only.
    (r"^wagtailusers_|^accounts_accountemail_modeladmin_", {ADMINISTRATOR_ROLE}),
    (r"^wagtailsnippets:index$", {ADMINISTRATOR_ROLE, EDITOR_ROLE}),
    # Announcements and subscribers: communications.
    (r"^wagtailsnippets_mailing_announcement:confirm_workflow_cancellation$", STAFF),
    # Moderators approve announcements, which publishes them: they may also unpublish one.
    (r"^wagtailsnippets_mailing_announcement:unpublish$", {MODERATOR_ROLE}),
    (r"^(wagtailsnippet\w*_mailing_announcement:|mailing_)", {EDITOR_ROLE, ADMINISTRATOR_ROLE}),
    (r"^events_", CONTENT_STAFF | REVIEW_STAFF),
    # Shared taxonomy and media choosers serve every editor's forms.
    (r"^wagtailsnippetchoosers_pages_\w+:", STAFF),
    (r"^wagtail(images|docs)_chooser:(choose|choose_results|chosen_multiple)$", STAFF),
    (r"^wagtailembeds:", STAFF),
    # Content: pages, media, reports. Confirmation screens act only on a POST, checked below.
    (r"^wagtailadmin_pages:(move_confirm|confirm_workflow_cancellation)$", STAFF),
    (r"^wagtail(adminpages|admin_explore\w*|admin_pages|docs|images|forms)\b", CONTENT_STAFF),
    (r"^wagtail(docs|images)(_chooser)?:", CONTENT_STAFF),
    (r"^wagtailadmin_reports:site_history", STAFF),  # each sees only what they may
    (r"^wagtailadmin_reports:", CONTENT_STAFF),
    # The admin's own furniture, for anyone with admin access.
    (
        r"^wagtailadmin_(home|account\w*|dismissibles|tag_autocomplete|choose_page\w*|api:\w+)"
        r"|^wagtailadmin_workflows:task_cho|^wagtail_modeladmin:",
        STAFF,
    ),
    (r"^wagtail(admin_workflows|sites|redirects|settings|admin_collections)", NOBODY),
    # Everything else under /admin/: nobody but superusers (who are not in this matrix).
    (r"^wagtail|^admin", NOBODY),
]
# Outside the admin and the portals everything is public, and fuzzed by tests/fuzz.
NOT_TRIED = {
    "wagtailadmin_logout": "ends the session the rest of the sweep uses",
    "accounts:logout": "ends the session the rest of the sweep uses",
    "wagtailadmin_error_test": "Wagtail's deliberate error page, for superusers",
}
# Writes every request may make: the session, sign-in bookkeeping, the cache, logs.
BOOKKEEPING_TABLES = re.compile(
    r'"(django_session|django_cache\w*|auth_user|wagtailusers_userprofile|accounts_\w*attempt\w*)"'
)
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def ceiling(name: str) -> frozenset:
    for pattern, roles in CEILINGS:
        if re.search(pattern, name):
            return frozenset(roles)
    raise AssertionError(f"no ceiling covers {name}")


def private(route) -> bool:
    return route.admin or route.name.startswith(("portal:", "impact-portal:"))


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The world and its routes, built once for the module and removed after it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = world_build()
            yield world, [route for route in routes(world) if route.name not in NOT_TRIED]
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def signed_in(world, role) -> Client:
    client = Client(raise_request_exception=False)
    if role != ANONYMOUS:
        client.force_login(world.users[role])
    return client


def writes(queries) -> list[str]:
    return [
        query["sql"][:160]
        for query in queries
        if WRITE.match(query["sql"]) and not BOOKKEEPING_TABLES.search(query["sql"])
    ]


def test_every_private_url_has_a_ceiling(matrix):
    _, found = matrix
    assert len([route for route in found if private(route)]) > 300
    for route in filter(private, found):
        ceiling(route.name)


@pytest.mark.parametrize("role", ROLES)
def test_no_role_reads_past_its_ceiling(matrix, role):
    world, found = matrix
    client = signed_in(world, role)
    unexpected = []
    for route in filter(private, found):
        status = client.get(route.path).status_code
        if status == 200 and role not in ceiling(route.name):
            unexpected.append(route.name)
        assert status < 500, (route.name, route.path)
    assert unexpected == []


@pytest.mark.parametrize("role", ROLES)
def test_no_role_changes_anything_past_its_ceiling(matrix, role):
    world, found = matrix
    client = signed_in(world, role)
    changed = []
    for route in filter(private, found):
        if role in ceiling(route.name):
            continue
        with CaptureQueriesContext(connection) as queries:
            client.post(route.path, {"confirmed": "yes", "action": "approve"})
        if written := writes(queries.captured_queries):
            changed.append((route.name, written))
    assert changed == []
