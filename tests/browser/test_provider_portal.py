"""A provider fills the submission form with the keyboard alone; every step passes axe."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from pages.demo import site_essentials_ensure
from pages.models import ProviderType
from review_workflow.models import Organization, OrganizationMember
from review_workflow.seed import workflow_essentials_ensure

from .conftest import serious_violations
from .portal import (
    Keyboard,
    assessment_step,
    content_step,
    curriculum_step,
    materials_continue,
    standards_step,
    submission_start,
    tab_to,
    type_into,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "a-long-unusual-passphrase"


@pytest.fixture
def provider(live_server):
    site_essentials_ensure()
    workflow_essentials_ensure(apps)
    organization = Organization.objects.create(
        name="Riverside Academy",
        provider_type=ProviderType.objects.first(),
        contact_name="Pat",
        contact_email="pat@example.org",
    )
    user = get_user_model().objects.create_user(
        username="pat@example.org", email="pat@example.org", password=PASSWORD
    )
    OrganizationMember.objects.create(user=user, organization=organization)
    return user


def check(page, axe, step: str) -> None:
    assert serious_violations(axe, page) == [], step


def test_provider_completes_every_step_with_the_keyboard(live_server, provider, page, axe):
    keyboard = Keyboard()
    page.goto(f"{live_server.url}/accounts/login/?next=/portal/")
    check(page, axe, "sign in")
    type_into(page, "#id_email", "pat@example.org")
    type_into(page, "#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/portal/")
    check(page, axe, "dashboard")

    submission_start(page, keyboard, "Calm Contact")
    check(page, axe, "curriculum step")
    curriculum_step(
        page,
        keyboard,
        summary="Slowing encounters down.",
        hours="16",
        contact_name="Pat Provider",
        contact_email="pat@example.org",
    )
    check(page, axe, "content step")
    content_step(
        page,
        keyboard,
        objectives="Use time and distance.",
        methods="Scenarios with debriefs.",
        modules=[("Foundations", "8")],
    )
    check(page, axe, "assessment step")
    assessment_step(page, keyboard)
    check(page, axe, "materials step")
    materials_continue(page, keyboard)
    check(page, axe, "standards step")
    standards_step(page, keyboard, [("", "Module 1 covers it.")])
    check(page, axe, "review step")
    body = page.content()
    assert "Before you can submit" in body
    assert "Upload the curriculum materials." in body

    page.goto(f"{live_server.url}/portal/")
    assert "Calm Contact" in page.content()
    assert "Draft" in page.content()


def test_the_registration_page_is_accessible(live_server, provider, page, axe):
    page.goto(f"{live_server.url}/portal/register/")
    check(page, axe, "registration")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "This field is required." in page.content()
    check(page, axe, "registration with errors")
