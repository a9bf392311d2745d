"""The provider portal end to end: register, confirm, sign in, fill the form, submit."""

import re

import pytest
from django.contrib.auth import get_user_model

from review_workflow.core.states import Status
from review_workflow.models import StandardsVersion, Submission
from review_workflow.services.lifecycle import submission_transition

from .conftest import pdf_upload

REGISTRATION = {
    "full_name": "Pat Provider",
    "email": "Pat@Example.org",
    "password": "a-long-unusual-passphrase",
    "organization_name": "Riverside Academy",
    "provider_type": "",
    "state": "",
    "website": "https://riverside.example.org",
    "phone": "555-0100",
}


@pytest.fixture
def registration(db):
    from pages.models import ProviderType

    return {**REGISTRATION, "provider_type": ProviderType.objects.first().pk}


def link_in(body: str) -> str:
    return re.search(r"http://testserver(/\S+)", body).group(1)


def test_a_provider_registers_confirms_signs_in_and_submits(
    client, registration, smtp_server, coordinator, django_capture_on_commit_callbacks
):
    response = client.post("/portal/register/", registration)
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    user = get_user_model().objects.get(email="pat@example.org")
    assert not user.is_active
    assert (
        client.post(
            "/accounts/login/", {"email": "pat@example.org", "password": registration["password"]}
        ).status_code
        == 400
    )

    [confirmation] = smtp_server.to("pat@example.org")
    assert client.get(link_in(confirmation.body)).status_code == 302
    user.refresh_from_db()
    assert user.is_active

    response = client.post(
        "/accounts/login/", {"email": "PAT@example.org", "password": registration["password"]}
    )
    assert response.status_code == 302 and response["Location"] == "/portal/"
    assert "Riverside Academy" in client.get("/portal/").content.decode()

    response = client.post("/portal/submissions/new/", {"title": "Calm Contact"})
    submission = Submission.objects.get(title="Calm Contact")
    assert response["Location"] == f"/portal/submissions/{submission.pk}/edit/curriculum/"
    base = f"/portal/submissions/{submission.pk}/edit"
    from pages.models import Audience, DeliveryMethod, TopicArea

    response = client.post(
        f"{base}/curriculum/",
        {
            "title": "Calm Contact",
            "summary": "Slowing encounters down.",
            "audiences": [Audience.objects.first().pk],
            "topic_areas": [TopicArea.objects.first().pk],
            "delivery_methods": [DeliveryMethod.objects.first().pk],
            "total_hours": "16",
            "max_class_size": "24",
            "is_free": "on",
            "offered_nationwide": "on",
            "contact_name": "Pat Provider",
            "contact_email": "pat@example.org",
            "continue": "",
        },
    )
    assert response["Location"] == f"{base}/content/"
    response = client.post(
        f"{base}/content/",
        {
            "learning_objectives": "Use time and distance.",
            "instructional_methods": "Scenarios.",
            "includes_scenario_exercises": "on",
            "modules-TOTAL_FORMS": "2",
            "modules-INITIAL_FORMS": "0",
            "modules-MIN_NUM_FORMS": "0",
            "modules-MAX_NUM_FORMS": "40",
            "modules-0-title": "Foundations",
            "modules-0-hours": "8",
            "modules-1-title": "",
            "modules-1-hours": "",
            "continue": "",
        },
    )
    assert response["Location"] == f"{base}/assessment/"
    response = client.post(
        f"{base}/assessment/",
        {
            "assessment_methods": "Pre and post tests.",
            "has_pre_post_tests": "on",
            "instructor_qualifications": "Certified instructors.",
            "evidence_of_effectiveness": "A published evaluation.",
            "save_draft": "",
        },
    )
    assert response["Location"] == f"{base}/assessment/"  # saved as a draft, same step
    response = client.post(f"{base}/materials/", {"file": pdf_upload(), "upload": ""})
    assert response.status_code == 302
    answers = {"continue": ""}
    for standard in StandardsVersion.current().standards.all():
        answers[f"std{standard.pk}-location"] = "Module 1"
        answers[f"std{standard.pk}-explanation"] = f"Covers {standard.code}."
    assert client.post(f"{base}/standards/", answers)["Location"] == f"{base}/review/"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{base}/review/",
            {
                "certify": "on",
                "certified_by_name": "Pat Provider",
                "expected_status": "draft",
            },
        )
    assert response["Location"] == f"/portal/submissions/{submission.pk}/"
    submission.refresh_from_db()
    assert submission.status == Status.SUBMITTED and submission.version_number == 1
    assert "Submitted" in smtp_server.to("pat@example.org")[-1].subject
    assert smtp_server.to(coordinator.email)
    detail = client.get(f"/portal/submissions/{submission.pk}/").content.decode()
    assert "version 1" in detail and "curriculum.pdf" in detail


def test_registration_does_not_reveal_known_addresses(
    client, registration, provider_a, smtp_server
):
    known = client.post("/portal/register/", {**registration, "email": provider_a.email})
    new = client.post("/portal/register/", registration)
    assert known.status_code == new.status_code == 200

    def normalized(response, email):
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        return body.replace(email, "X")

    assert normalized(known, provider_a.email) == normalized(new, "pat@example.org")
    assert "already has an account" in smtp_server.to(provider_a.email)[0].body


def test_tampered_and_expired_confirmation_links_are_refused(
    client, registration, smtp_server, settings
):
    client.post("/portal/register/", registration)
    link = link_in(smtp_server.to("pat@example.org")[0].body)
    assert client.get(link[:-3] + "abc/").status_code == 400
    settings.ACCOUNT_VERIFICATION_MAX_AGE = -1
    assert client.get(link).status_code == 400
    assert not get_user_model().objects.get(email="pat@example.org").is_active


def test_registration_is_rate_limited(client, registration):
    for n in range(5):
        client.post("/portal/register/", {**registration, "email": f"p{n}@example.org"})
    response = client.post("/portal/register/", {**registration, "email": "p9@example.org"})
    assert response.status_code == 429


def test_providers_see_only_their_organizations_submissions(
    client, complete_draft, provider_b, provider_a
):
    client.force_login(provider_b)
    for url in [
        f"/portal/submissions/{complete_draft.pk}/",
        f"/portal/submissions/{complete_draft.pk}/edit/curriculum/",
    ]:
        assert client.get(url).status_code == 404
    assert client.post(f"/portal/submissions/{complete_draft.pk}/withdraw/").status_code == 404
    assert "Calm Contact" not in client.get("/portal/").content.decode()
    client.logout()
    assert client.get(f"/portal/submissions/{complete_draft.pk}/").status_code == 302  # to sign in


def test_a_stale_withdrawal_answers_409_and_changes_nothing(
    client, complete_draft, provider_a, coordinator
):
    submission_transition(submission_id=complete_draft.pk, action="submit", user=provider_a)
    submission_transition(
        submission_id=complete_draft.pk, action="start_screening", user=coordinator
    )
    client.force_login(provider_a)
    response = client.post(
        f"/portal/submissions/{complete_draft.pk}/withdraw/",
        {"confirmed": "yes", "expected_status": "submitted"},
    )
    assert response.status_code == 409
    assert Submission.objects.get(pk=complete_draft.pk).status == Status.SCREENING


def test_providers_do_not_see_the_review_teams_names(
    client, complete_draft, provider_a, coordinator
):
    coordinator.first_name, coordinator.last_name = "Casey", "Coordinator"
    coordinator.save()
    submission_transition(submission_id=complete_draft.pk, action="submit", user=provider_a)
    submission_transition(
        submission_id=complete_draft.pk, action="start_screening", user=coordinator
    )
    client.force_login(provider_a)
    body = client.get(f"/portal/submissions/{complete_draft.pk}/").content.decode()
    assert "Casey" not in body
    assert "Review team" in body


def test_providers_edit_their_profile_and_organization(client, provider_a, org_a):
    client.force_login(provider_a)
    assert client.get("/portal/profile/").status_code == 200
    data = {
        "person-first_name": "Pat",
        "person-last_name": "Provider",
        "org-name": "Academy A Renamed",
        "org-provider_type": org_a.provider_type_id,
        "org-website": "",
        "org-state": "",
        "org-contact_name": "Pat Provider",
        "org-contact_email": "pat@example.org",
        "org-contact_phone": "",
    }
    assert client.post("/portal/profile/", data).status_code == 302
    org_a.refresh_from_db()
    provider_a.refresh_from_db()
    assert org_a.name == "Academy A Renamed" and provider_a.last_name == "Provider"
    bad = client.post("/portal/profile/", {**data, "org-contact_email": "not-an-email"})
    assert bad.status_code == 400
    org_a.refresh_from_db()
    assert org_a.contact_email == "pat@example.org"


def test_the_site_header_leads_providers_to_the_portal(client, demo_site, provider_a):
    assert 'href="/accounts/login/">Provider sign-in' in client.get("/about/").content.decode()
    client.force_login(provider_a)
    assert 'href="/portal/">My submissions' in client.get("/about/").content.decode()


def test_negative_hours_and_an_empty_class_are_refused_in_plain_words(
    client, complete_draft, provider_a
):
    from pages.models import Audience, DeliveryMethod, TopicArea

    client.force_login(provider_a)
    response = client.post(
        f"/portal/submissions/{complete_draft.pk}/edit/curriculum/",
        {
            "title": "Calm Contact",
            "summary": "Slowing encounters down.",
            "audiences": [Audience.objects.first().pk],
            "topic_areas": [TopicArea.objects.first().pk],
            "delivery_methods": [DeliveryMethod.objects.first().pk],
            "total_hours": "-3",
            "max_class_size": "0",
            "cost_description": "",
            "states": [],
            "contact_name": "Pat Provider",
            "contact_email": "pat@example.org",
            "contact_phone": "",
            "materials_link": "",
            "continue": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Total hours must be more than 0." in page
    assert "A class has at least 1 participant." in page
    assert 'aria-invalid="true"' in page
    assert "2 answers to correct" in page and 'href="#id_total_hours"' in page
    assert "data-error-summary" in page and "error-summary.js" in page
    assert "The training is free of charge" in page and "Is free" not in page
    assert Submission.objects.get(pk=complete_draft.pk).total_hours == 16


def test_submit_a_curriculum_leads_a_provider_through_the_sign_in_to_the_start_form(
    client, provider_a
):
    to_sign_in = client.get("/portal/submissions/new/")
    assert to_sign_in["Location"] == "/accounts/login/?next=/portal/submissions/new/"
    signed_in = client.post(
        to_sign_in["Location"],
        {
            "email": provider_a.email,
            "password": "a-long-test-password",
            "next": "/portal/submissions/new/",
        },
    )
    response = client.get(signed_in["Location"], follow=True)
    assert response.redirect_chain[-1] == ("/portal/", 302)
    assert "Start a new submission" in response.content.decode()


def test_the_module_outline_keeps_the_order_the_provider_gave_it(
    client, complete_draft, provider_a
):
    first, second = complete_draft.modules.all()
    url = f"/portal/submissions/{complete_draft.pk}/edit/content/"

    def post(rows, deleted=()):
        data = {
            "learning_objectives": "Use time and distance.",
            "instructional_methods": "Scenarios.",
            "includes_scenario_exercises": "on",
            "modules-TOTAL_FORMS": str(len(rows)),
            "modules-INITIAL_FORMS": str(sum(1 for pk, *_ in rows if pk)),
            "modules-MIN_NUM_FORMS": "0",
            "modules-MAX_NUM_FORMS": "40",
            "continue": "",
        }
        for number, (pk, title, hours) in enumerate(rows):
            data[f"modules-{number}-id"] = pk or ""
            data[f"modules-{number}-submission"] = complete_draft.pk
            data[f"modules-{number}-title"] = title
            data[f"modules-{number}-hours"] = hours
            if number in deleted:
                data[f"modules-{number}-DELETE"] = "on"
        assert client.post(url, data).status_code == 302

    def outline():
        return [(m.title, m.position) for m in complete_draft.modules.all()]

    client.force_login(provider_a)
    # The second module shortened and a third added after it.
    post([(first.pk, "Foundations", "8"), (second.pk, "Scenarios", "6"), (None, "Time", "4")])
    assert outline() == [("Foundations", 0), ("Scenarios", 1), ("Time", 2)]
    third = complete_draft.modules.get(title="Time")
    post(
        [(first.pk, "Foundations", "8"), (second.pk, "Scenarios", "6"), (third.pk, "Time", "4")],
        deleted={0},
    )
    assert outline() == [("Scenarios", 0), ("Time", 1)]


def test_the_self_assessment_step_marks_every_standard_as_the_review_step_requires(
    client, org_a, provider_a
):
    from review_workflow.services.submissions import submission_create

    draft = submission_create(organization=org_a, user=provider_a, title="Half done")
    client.force_login(provider_a)
    step = client.get(f"/portal/submissions/{draft.pk}/edit/standards/").content.decode()
    assert "(optional)" not in step
    standards = list(draft.standards_version.standards.all())
    assert step.count("(needed to submit)") == len(standards)
    review = client.get(f"/portal/submissions/{draft.pk}/edit/review/").content.decode()
    assert "Complete the self-assessment for" in review
