"""Each input that once answered a 500 now answers a 4xx with a message, and changes nothing."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from mailing.models import Subscriber
from review_workflow.models import Submission
from tests.review_workflow.conftest import *  # noqa: F403

pytestmark = pytest.mark.django_db

HUGE = "9999999999999999999"


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/v2/pages/?search=+", "search must contain at least one letter or digit"),
        ("/api/v2/pages/?search=%00", "search must contain at least one letter or digit"),
        ("/api/v2/pages/?search=%22", "search must contain at least one letter or digit"),
        ("/api/v2/documents/?search=%22", "search must contain at least one letter or digit"),
        ("/api/v2/images/?search=+", "search must contain at least one letter or digit"),
        ("/api/v2/pages/?search=" + "a" * 201, "search must be at most 200 characters"),
        ("/api/v2/pages/?search=x&search_operator=xor", "search_operator must be 'and' or 'or'"),
        ("/api/v2/pages/?offset=99999999999999999999", "offset must be at most 1000000"),
        ("/api/v2/pages/find/?id=x", "id must be a positive integer"),
        ("/api/v2/images/find/?id=99999999999999999999", "id must be a positive integer"),
        # Longer than Python converts to an int (4,300 digits).
        ("/api/v2/pages/?offset=" + "9" * 5000, "offset must be at most 1000000"),
        ("/api/v2/pages/find/?id=" + "9" * 5000, "id must be a positive integer"),
    ],
)
def test_bad_api_parameters_answer_400_with_a_message(client, home_page, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json() == {"message": message}


def test_a_detail_id_longer_than_python_converts_is_a_404(client, home_page):
    assert client.get(f"/api/v2/pages/{'9' * 5000}/").status_code == 404


def test_api_search_with_quotes_and_nul_finds_by_the_words(client, home_page):
    response = client.get("/api/v2/pages/", {"search": '"Strengthening\x00'})
    assert response.status_code == 200
    assert [page["id"] for page in response.json()["items"]] == [home_page.pk]


def test_signup_with_an_out_of_range_topic_is_refused_and_records_nothing(client, home_page):
    data = {"email": "sam@example.org", "project_announcements": "on", "consent": "on"}
    data |= {"topics": HUGE, "website": ""}
    response = client.post("/stay-connected/", data)
    assert response.status_code == 400
    assert f"Select a valid choice. {HUGE} is not one of the available choices." in (
        response.content.decode()
    )
    assert not Subscriber.objects.exists()


def test_preferences_with_an_out_of_range_topic_are_refused(client, home_page):
    from mailing.links import manage_url

    subscriber = Subscriber.objects.create(email="sam@example.org", status="confirmed")
    url = manage_url(subscriber).split("testserver", 1)[-1]
    response = client.post(url, {"project_announcements": "", "topics": [HUGE, "1"]})
    assert response.status_code == 400
    assert "is not one of the available choices" in response.content.decode()
    assert Subscriber.objects.get().project_announcements is True


def test_portal_registration_with_out_of_range_choices_is_refused(client, home_page):
    data = {
        "full_name": "Pat Provider",
        "email": "pat@example.org",
        "password": "a-long-enough-password",
        "organization_name": "Academy",
        "provider_type": HUGE,
        "state": HUGE,
        "website": "",
        "phone": "",
    }
    response = client.post("/portal/register/", data)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not get_user_model().objects.filter(email="pat@example.org").exists()


def test_curriculum_step_with_out_of_range_audiences_and_states_is_refused(
    client, complete_draft, provider_a
):
    client.force_login(provider_a)
    url = f"/portal/submissions/{complete_draft.pk}/edit/curriculum/"
    response = client.post(url, {"title": "Changed", "audiences": HUGE, "states": HUGE})
    assert response.status_code == 400
    assert (
        response.content.decode().count("is not one of the available choices") == 4
    )  # at each field and in the summary
    assert Submission.objects.get().title == "Calm Contact"


def test_removing_a_material_by_a_malformed_id_is_refused_with_a_message(
    client, complete_draft, provider_a
):
    client.force_login(provider_a)
    url = f"/portal/submissions/{complete_draft.pk}/edit/materials/"
    response = client.post(url, {"remove": "abc"})
    assert response.status_code == 400
    assert "Choose a file from the list to remove." in response.content.decode()
    assert complete_draft.materials.count() == 1


def test_submitting_from_a_second_tab_meanwhile_answers_409(client, complete_draft, provider_a):
    """The other tab's submit lands between this request reading the draft and saving it."""
    client.force_login(provider_a)

    def other_tab_submits_first(execute, sql, params, many, context):
        if sql.startswith("UPDATE") and "certified_by_name" in sql:
            execute(
                "UPDATE review_workflow_submission SET status = %s WHERE id = %s",
                ["submitted", complete_draft.pk],
                many,
                context,
            )
        return execute(sql, params, many, context)

    url = f"/portal/submissions/{complete_draft.pk}/edit/review/"
    with connection.execute_wrapper(other_tab_submits_first):
        response = client.post(
            url, {"certify": "on", "certified_by_name": "Pat Provider", "expected_status": ""}
        )
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    assert complete_draft.audit_events.filter(action="submit").count() == 0


@pytest.mark.parametrize(
    "query", ["?foo=bar", "?updated_at__gte=x", "?updated_at__year=99999", "?signed_up_at__lt=x"]
)
@pytest.mark.parametrize(
    "register", ["/admin/review_workflow/submission/", "/admin/mailing/subscriber/"]
)
def test_admin_registers_answer_a_bad_filter_with_400(client, complete_draft, register, query):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw-12345678")
    client.force_login(admin)
    response = client.get(register + query)
    assert response.status_code == 400
    assert "The filters in this address are not valid" in response.content.decode()
    assert client.get(register + "?status=confirmed").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        json.dumps({"email": "a" * 100_000 + "@example.org", "type": "bounce"}),
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"email": ["sam@example.org"], "type": "bounce"}),
        json.dumps({"email": "sam@example.org", "type": {"bounce": 1}}),
        json.dumps({"email": "sam@example.org\u0000", "type": "bounce"}),
    ],
)
def test_delivery_webhook_refuses_hostile_bodies_with_400(client, settings, body):
    settings.MAILING_WEBHOOK_SECRET = "s3cret-value"
    Subscriber.objects.create(email="sam@example.org", status="confirmed")
    response = client.post(
        "/stay-connected/delivery-events/",
        data=body,
        content_type="application/json",
        headers={"Authorization": "Bearer s3cret-value"},
    )
    assert response.status_code == 400 and "error" in response.json()
    assert Subscriber.objects.get().status == "confirmed"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v2/pages/?type=pages.NewsPage%00", 400),
        ("/api/v2/pages/?slug=%00", 400),
        ("/api/v2/pages/find/?html_path=/%00/", 400),
        ("/news/feed/?topic=%00", 404),
        ("/news/feed/atom/?topic=a%00b", 404),
    ],
)
def test_a_nul_in_a_query_parameter_never_reaches_the_database(client, demo_site, url, status):
    """PostgreSQL refuses a NUL in a query; SQLite does not, so this is checked by hand."""
    response = client.get(url)
    assert response.status_code == status


def test_an_out_of_range_curriculum_on_the_events_api_is_a_named_400(client, home_page):
    response = client.get("/api/v2/events/", {"curriculum": HUGE})
    assert response.status_code == 400
    assert "curriculum" in response.json()["fields"]


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents", "events"])
def test_an_api_id_beyond_any_database_is_not_found(client, home_page, endpoint):
    assert client.get(f"/api/v2/{endpoint}/{HUGE}{HUGE}/").status_code == 404
