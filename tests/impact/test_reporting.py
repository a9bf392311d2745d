"""Agencies register and report adoption and outcomes through the portal, as a browser posts."""

import datetime

import pytest

from impact.models import Adoption, Agency, ImpactFigure, OutcomeReport
from pages.models import USState
from tests.impact.conftest import agency_make
from tests.search.fixtures import curriculum

pytestmark = pytest.mark.django_db

REGISTRATION = {
    "full_name": "Pat Chief",
    "email": "Pat@Example.org",
    "password": "a long enough passphrase 42",
    "agency_name": "Columbus Division of Police",
    "ori": "oh0250100",
    "state": "",
    "sworn_officers": "1800",
}


def _state(code):
    return str(USState.objects.get(code=code).pk)


def _errors(response, field):
    return response.context["form"].errors.get(field, [])


def test_an_agency_registers_and_confirms_its_address(
    client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/portal/agency/register/", {**REGISTRATION, "state": _state("OH")})
    assert response.status_code == 200
    agency = Agency.objects.get()
    assert (agency.ori, agency.state.code, agency.sworn_officers) == ("OH0250100", "OH", 1800)
    member = agency.members.get().user
    assert member.email == "pat@example.org" and not member.is_active
    (mail,) = smtp_server.to("pat@example.org")
    assert "/accounts/verify/" in mail.body


@pytest.mark.parametrize(
    ("ori", "state", "message"),
    [
        ("OH025010", "OH", "Enter the 9-character ORI code"),
        ("OH02501000", "OH", "Enter the 9-character ORI code"),
        ("1H0250100", "OH", "Enter the 9-character ORI code"),
        ("OH02501-0", "OH", "Enter the 9-character ORI code"),
        ("TX0250100", "OH", "An ORI code of an agency in Ohio begins with OH."),
        ("", "OH", "This field is required."),
    ],
)
def test_a_bad_ori_code_is_refused_with_a_clear_message(client, ori, state, message):
    response = client.post(
        "/portal/agency/register/", {**REGISTRATION, "ori": ori, "state": _state(state)}
    )
    assert response.status_code == 400
    assert any(message in error for error in _errors(response, "ori")), _errors(response, "ori")
    assert not Agency.objects.exists()


def test_registration_refuses_a_known_ori_and_negative_officers(client):
    agency_make(250100)
    response = client.post(
        "/portal/agency/register/",
        {**REGISTRATION, "state": _state("OH"), "sworn_officers": "-3"},
    )
    assert response.status_code == 400
    assert "already registered" in _errors(response, "ori")[0]
    assert _errors(response, "sworn_officers") == ["Enter a number of 0 or more."]
    assert _errors(response, "state") == []


ADOPTION = {
    "curriculum": "",
    "adopted_on": "2025-06-01",
    "officers_trained": "40",
    "training_start": "2025-03-01",
    "training_end": "2025-05-31",
}


def test_an_agency_reports_an_adoption_and_the_figures_are_recomputed(
    client, reporter, approved_curriculum, django_capture_on_commit_callbacks
):
    client.force_login(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/portal/agency/adoptions/new/", {**ADOPTION, "curriculum": approved_curriculum.pk}
        )
    assert response.status_code == 302
    adoption = Adoption.objects.get()
    assert adoption.officers_trained == 40
    figure = ImpactFigure.objects.get(dimension="curriculum", key=str(approved_curriculum.pk))
    assert (figure.agencies, figure.officers_trained) == (1, 40)
    assert b"Patrol De-escalation Fundamentals" in client.get("/portal/agency/").content


def test_every_adoption_rule_has_its_message(
    client, reporter, approved_curriculum, catalog, adoption
):
    expired = curriculum(catalog, "Expired", expires=datetime.date(2024, 1, 1))
    client.force_login(reporter)
    cases = {
        "officers_trained": ({"officers_trained": "-1"}, "Enter a number of 0 or more."),
        "officers_trained ": ({"officers_trained": "101"}, "More than your agency's 100 sworn officers."),
        "training_end": ({"training_end": "2025-02-01"}, "The training period cannot end before it starts."),
        "adopted_on": ({"adopted_on": "2099-01-01"}, "The date of adoption cannot be in the future."),
        "curriculum": ({"curriculum": approved_curriculum.pk}, "Your agency has already reported adopting this curriculum."),
        "curriculum ": ({"curriculum": expired.pk}, "Select a valid choice."),
        " curriculum": ({"curriculum": ""}, "This field is required."),
    }  # fmt: skip
    for field, (changes, message) in cases.items():
        response = client.post(
            "/portal/agency/adoptions/new/", {**ADOPTION, "curriculum": "", **changes}
        )
        assert response.status_code == 400
        assert any(message in error for error in _errors(response, field.strip())), (
            field,
            response.context["form"].errors,
        )
    assert Adoption.objects.count() == 1


OUTCOME = {
    "before_start": "2024-06-01",
    "before_end": "2025-05-31",
    "after_start": "2025-06-02",
    "after_end": "2026-06-01",
    "use_of_force_before": "20",
    "use_of_force_after": "12",
    "officer_injuries_before": "4",
    "officer_injuries_after": "2",
    "subject_injuries_before": "6",
    "subject_injuries_after": "3",
    "complaints_before": "10",
    "complaints_after": "7",
}


def test_an_agency_reports_outcomes_before_and_after_adoption(
    client, reporter, adoption, django_capture_on_commit_callbacks
):
    client.force_login(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/portal/agency/adoptions/{adoption.pk}/outcomes/new/", OUTCOME)
    assert response.status_code == 302
    report = OutcomeReport.objects.get()
    assert (report.use_of_force_before, report.use_of_force_after) == (20, 12)
    assert ImpactFigure.objects.get(dimension="national").outcome_agencies == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"use_of_force_before": "-1"}, "use_of_force_before", "Enter a number of 0 or more."),
        ({"use_of_force_after": "-2"}, "use_of_force_after", "Enter a number of 0 or more."),
        ({"officer_injuries_before": "-1"}, "officer_injuries_before", "Enter a number of 0 or more."),
        ({"officer_injuries_after": "-1"}, "officer_injuries_after", "Enter a number of 0 or more."),
        ({"subject_injuries_before": "-1"}, "subject_injuries_before", "Enter a number of 0 or more."),
        ({"subject_injuries_after": "-1"}, "subject_injuries_after", "Enter a number of 0 or more."),
        ({"complaints_before": "-1"}, "complaints_before", "Enter a number of 0 or more."),
        ({"complaints_after": ""}, "complaints_after", "This field is required."),
        ({"before_end": "2024-01-01"}, "before_end", "The before period cannot end before it starts."),
        ({"after_end": "2025-06-01"}, "after_end", "The after period cannot end before it starts."),
        ({"before_end": "2025-07-01"}, "before_end", "The before period must end by the date of adoption (June 1, 2025)."),
        ({"after_start": "2025-06-01"}, "after_start", "The after period must start after the date of adoption (June 1, 2025)."),
        ({"after_start": "2025-06-15", "before_end": "2025-06-20"}, "after_start", "The before and after periods cannot overlap."),
        ({"before_start": "not a date"}, "before_start", "Enter a valid date."),
    ],
)  # fmt: skip
def test_every_outcome_rule_has_its_message(client, reporter, adoption, changes, field, message):
    client.force_login(reporter)
    response = client.post(
        f"/portal/agency/adoptions/{adoption.pk}/outcomes/new/", {**OUTCOME, **changes}
    )
    assert response.status_code == 400
    assert message in _errors(response, field), response.context["form"].errors
    assert not OutcomeReport.objects.exists()


def test_a_second_report_cannot_overlap_the_first_after_period(client, reporter, adoption):
    client.force_login(reporter)
    url = f"/portal/agency/adoptions/{adoption.pk}/outcomes/new/"
    assert client.post(url, OUTCOME).status_code == 302
    response = client.post(
        url, {**OUTCOME, "after_start": "2026-01-01", "after_end": "2026-12-31"}
    )
    assert response.status_code == 400
    assert "This after period overlaps one your agency already reported." in _errors(
        response, "after_start"
    )


def test_an_agency_cannot_reach_another_agencys_adoption(client, django_user_model, adoption):
    outsider = django_user_model.objects.create_user("x@example.org", "x@example.org", "pw")
    client.force_login(outsider)
    assert client.get("/portal/agency/").status_code == 404
    other = agency_make(2)
    other.members.create(user=outsider)
    assert (
        client.post(f"/portal/agency/adoptions/{adoption.pk}/outcomes/new/", OUTCOME).status_code
        == 404
    )
    client.logout()
    assert client.get("/portal/agency/adoptions/new/").status_code == 302
