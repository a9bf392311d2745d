"""People, organizations and complete submissions for the review-workflow tests."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pages.demo import placeholder_pdf
from pages.models import Audience, DeliveryMethod, ProviderType, TopicArea
from review_workflow.core.permissions import COORDINATOR, PROVIDER
from review_workflow.models import (
    ExpertiseArea,
    Organization,
    OrganizationMember,
    ReviewerProfile,
    SelfAssessment,
    StandardsVersion,
    SubmissionModule,
)
from review_workflow.services.lifecycle import submission_transition
from review_workflow.services.submissions import material_add, submission_create


def pdf_upload(name="curriculum.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, placeholder_pdf("Curriculum"), content_type="application/pdf")


def docx_upload(name="handout.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def make_user(username, *, group=None, organization=None):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="a-long-test-password"
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    if organization:
        OrganizationMember.objects.create(user=user, organization=organization)
    return user


def make_organization(name):
    return Organization.objects.create(
        name=name,
        provider_type=ProviderType.objects.get(slug="private-company"),
        contact_name="Contact",
        contact_email=f"contact@{name.lower().replace(' ', '-')}.example.org",
    )


@pytest.fixture
def org_a(db):
    return make_organization("Academy A")


@pytest.fixture
def org_b(db):
    return make_organization("Academy B")


@pytest.fixture
def provider_a(org_a):
    return make_user("provider-a", group=PROVIDER, organization=org_a)


@pytest.fixture
def provider_b(org_b):
    return make_user("provider-b", group=PROVIDER, organization=org_b)


@pytest.fixture
def coordinator(db):
    return make_user("coordinator", group=COORDINATOR)


def fill_complete(submission, user):
    """Fill every part of the form the way a provider would, ready to submit."""
    submission.summary = "A course on slowing encounters down."
    submission.total_hours = Decimal("16")
    submission.max_class_size = 24
    submission.is_free = True
    submission.offered_nationwide = True
    submission.learning_objectives = "Participants will use time and distance."
    submission.instructional_methods = "Lecture and scenario-based exercises."
    submission.includes_scenario_exercises = True
    submission.assessment_methods = "Pre- and post-tests."
    submission.has_pre_post_tests = True
    submission.instructor_qualifications = "Certified instructors with field experience."
    submission.evidence_of_effectiveness = "An evaluation with a comparison group."
    submission.contact_name = "Pat Provider"
    submission.contact_email = "pat@example.org"
    submission.certified_by_name = "Pat Provider"
    submission.certified_at = timezone.now()
    submission.save()
    submission.audiences.set(Audience.objects.filter(slug="law-enforcement-officers"))
    submission.topic_areas.set(TopicArea.objects.filter(slug="communication-skills"))
    submission.delivery_methods.set(DeliveryMethod.objects.filter(slug="in-person"))
    SubmissionModule.objects.create(submission=submission, title="Foundations", hours=Decimal("8"))
    SubmissionModule.objects.create(submission=submission, title="Scenarios", hours=Decimal("8"))
    for standard in StandardsVersion.current().standards.all():
        SelfAssessment.objects.create(
            submission=submission,
            standard=standard,
            location="Module 1, page 3",
            explanation=f"Addresses {standard.code}.",
        )
    material_add(submission=submission, user=user, uploaded=pdf_upload())
    return submission


@pytest.fixture
def complete_draft(org_a, provider_a):
    submission = submission_create(organization=org_a, user=provider_a, title="Calm Contact")
    return fill_complete(submission, provider_a)


def make_reviewer(username, *areas, affiliations=(), capacity=3):
    """A reviewer with a profile in the given expertise areas (slugs)."""
    user = make_user(username)
    user.first_name, user.last_name = username.capitalize(), "Reviewer"
    user.save()
    profile = ReviewerProfile.objects.create(user=user, capacity=capacity)
    profile.expertise.set(ExpertiseArea.objects.filter(slug__in=areas))
    profile.affiliations.set(affiliations)
    return user


LAW = ExpertiseArea.LAW_ENFORCEMENT
HEALTH = ExpertiseArea.MENTAL_HEALTH


@pytest.fixture
def reviewers(db):
    return {
        "officer": make_reviewer("officer", LAW),
        "clinician": make_reviewer("clinician", HEALTH),
        "counsellor": make_reviewer("counsellor", HEALTH, "curriculum-design"),
    }


@pytest.fixture
def accepted_submission(complete_draft, provider_a, coordinator):
    """A complete submission screened and accepted, waiting for its review panel."""
    for action, user in [
        ("submit", provider_a),
        ("start_screening", coordinator),
        ("accept_for_review", coordinator),
    ]:
        submission_transition(submission_id=complete_draft.pk, action=action, user=user)
    complete_draft.refresh_from_db()
    return complete_draft
