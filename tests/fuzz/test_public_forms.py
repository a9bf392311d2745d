"""Every public form, posted as a browser posts it with hostile values in its fields: no 5xx."""

import json

from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from pages.models import ProviderType, TopicArea, USState
from tests.fuzz.conftest import local
from tests.fuzz.values import HOSTILE, field_values, fuzz_settings

FORM_EXAMPLES = 1300
WEBHOOK_EXAMPLES = 300


def public_forms(site) -> list[tuple[str, dict]]:
    """Each public form's address and a well-formed post of every field, empty ones too."""
    from mailing.links import confirm_url, manage_url, unsubscribe_url

    subscriber = site["subscriber"]
    topic = str(TopicArea.objects.first().pk)
    commented = site["commented"]
    return [
        (
            f"/standards/{commented.pk}/comment/",
            {
                "standard": str(commented.standards.first().pk),
                "comment": "Name time and distance.",
                "name": "Pat Public",
                "organization": "",
                "role": "community",
                "website": "",
            },
        ),
        (
            "/stay-connected/",
            {
                "email": "new@example.org",
                "project_announcements": "on",
                "topics": [topic],
                "consent": "on",
                "website": "",
            },
        ),
        ("/stay-connected/", {"form": "footer", "email": "foot@example.org", "website": ""}),
        (local(confirm_url(subscriber)), {"confirm": ""}),
        (
            local(manage_url(subscriber)),
            {"project_announcements": "on", "topics": [topic], "save": ""},
        ),
        (local(manage_url(subscriber)), {"unsubscribe": ""}),
        (local(unsubscribe_url(subscriber)), {"List-Unsubscribe": "One-Click"}),
        (
            "/portal/register/",
            {
                "full_name": "Pat Provider",
                "email": "pat@example.org",
                "password": "a-long-enough-password",
                "organization_name": "Academy",
                "provider_type": str(ProviderType.objects.first().pk),
                "state": str(USState.objects.first().pk),
                "website": "",
                "phone": "",
            },
        ),
        ("/accounts/login/", {"email": "pat@example.org", "password": "wrong", "next": ""}),
        ("/accounts/password-reset/", {"email": "pat@example.org"}),
        (
            "/accounts/password-reset/MQ/set-password/",
            {"new_password1": "a-long-password", "new_password2": "a-long-password"},
        ),
    ]


def test_public_forms_answer_hostile_posts_without_a_5xx(browser, fuzz_site):
    forms = public_forms(fuzz_site)

    @fuzz_settings(FORM_EXAMPLES)
    @given(data=st.data())
    def fuzz(data):
        cache.clear()  # rate limits would otherwise answer 429 before the form is read
        path, good = data.draw(st.sampled_from(forms), label="form")
        post = data.draw(field_values(good), label="fields")
        response = browser.post(path, post)
        assert response.status_code < 500, (path, post)

    fuzz()


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False),
        st.sampled_from(HOSTILE),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)
webhook_bodies = st.one_of(
    st.fixed_dictionaries({"email": json_values, "type": json_values}).map(json.dumps),
    json_values.map(json.dumps),
    st.sampled_from(HOSTILE),
    st.integers(min_value=1, max_value=200_000).map(lambda depth: "[" * depth + "]" * depth),
    st.binary(max_size=200),
)


def test_delivery_webhook_answers_hostile_bodies_without_a_5xx(browser, settings, fuzz_site):
    settings.MAILING_WEBHOOK_SECRET = "s3cret-value"

    @fuzz_settings(WEBHOOK_EXAMPLES)
    @given(body=webhook_bodies)
    def fuzz(body):
        response = browser.post(
            "/stay-connected/delivery-events/",
            data=body,
            content_type="application/json",
            headers={"Authorization": "Bearer s3cret-value"},
        )
        assert response.status_code < 500, body

    fuzz()
