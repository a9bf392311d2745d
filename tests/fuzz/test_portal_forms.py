"""Each portal screen and submission step, posted by a signed-in provider with hostile values."""

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from pages.models import Audience, DeliveryMethod, ProviderType, TopicArea, USState
from review_workflow.models import Submission
from tests.fuzz.values import HOSTILE, field_values, fuzz_settings, parameter

PORTAL_EXAMPLES = 500
PORTAL_GET_EXAMPLES = 200


def first_pk(model) -> str:
    return str(model.objects.first().pk)


def portal_forms(draft) -> list[tuple[str, dict]]:
    """Each portal form's address and a well-formed post of every field, empty ones too."""
    step = f"/portal/submissions/{draft.pk}/edit/"
    standards = draft.standards_version.standards.all()
    return [
        (
            step + "curriculum/",
            {
                "title": "Fuzzed",
                "summary": "A summary.",
                "audiences": [first_pk(Audience)],
                "topic_areas": [first_pk(TopicArea)],
                "delivery_methods": [first_pk(DeliveryMethod)],
                "total_hours": "16",
                "max_class_size": "24",
                "is_free": "on",
                "cost_description": "",
                "offered_nationwide": "",
                "states": [first_pk(USState)],
                "contact_name": "Pat",
                "contact_email": "pat@example.org",
                "contact_phone": "",
                "materials_link": "",
                "save_draft": "",
            },
        ),
        (
            step + "content/",
            {
                "learning_objectives": "Objectives.",
                "instructional_methods": "Methods.",
                "includes_scenario_exercises": "on",
                "modules-TOTAL_FORMS": "2",
                "modules-INITIAL_FORMS": "0",
                "modules-MIN_NUM_FORMS": "0",
                "modules-MAX_NUM_FORMS": "40",
                "modules-0-title": "Foundations",
                "modules-0-hours": "8",
                "modules-0-id": "",
                "modules-0-DELETE": "",
                "modules-1-title": "",
                "modules-1-hours": "",
                "modules-1-id": "",
            },
        ),
        (
            step + "assessment/",
            {
                "assessment_methods": "Tests.",
                "has_pre_post_tests": "on",
                "has_follow_up_assessment": "",
                "instructor_qualifications": "Certified.",
                "evidence_of_effectiveness": "",
                "post_certified": "",
                "iadlest_ncp_certified": "",
                "other_certifications": "",
            },
        ),
        (step + "materials/", {"remove": "1"}),
        (step + "materials/", {"continue": ""}),
        (
            step + "standards/",
            {
                f"std{standard.pk}-{field}": "Module 1"
                for standard in standards[:3]
                for field in ("location", "explanation")
            },
        ),
        (
            step + "review/",
            {"certify": "on", "certified_by_name": "Pat", "expected_status": "draft"},
        ),
        (f"/portal/submissions/{draft.pk}/withdraw/", {"expected_status": "draft"}),
        (f"/portal/submissions/{draft.pk}/recertify/", {}),
        (f"/portal/submissions/{draft.pk}/appeal/", {"grounds": "The panel overlooked it."}),
        (f"/portal/submissions/{draft.pk}/appeal/lodge/", {"expected_status": "draft"}),
        ("/portal/submissions/new/", {"title": "Another"}),
        (
            "/portal/profile/",
            {
                "person-first_name": "Pat",
                "person-last_name": "Provider",
                "org-name": "Fuzz Academy",
                "org-provider_type": first_pk(ProviderType),
                "org-website": "",
                "org-state": "",
                "org-contact_name": "Pat",
                "org-contact_email": "pat@example.org",
                "org-contact_phone": "",
            },
        ),
        ("/accounts/logout/", {}),
    ]


uploads = st.builds(
    lambda name, content: SimpleUploadedFile(name or "file", content),
    st.sampled_from(HOSTILE[:20] + ["a.pdf", "a.docx", "../a.pdf", "a" * 300 + ".pdf"]),
    st.one_of(
        st.binary(max_size=300),
        st.sampled_from([b"%PDF-1.4\n%%EOF", b"PK\x03\x04" + b"\x00" * 40]),
    ),
)


def test_portal_forms_answer_hostile_posts_without_a_5xx(browser, fuzz_site):
    draft, provider = fuzz_site["draft"], fuzz_site["provider"]
    forms = portal_forms(draft)
    upload_path = f"/portal/submissions/{draft.pk}/edit/materials/"

    @fuzz_settings(PORTAL_EXAMPLES)
    @given(data=st.data())
    def fuzz(data):
        # Every example starts from an editable draft.
        Submission.objects.filter(pk=draft.pk).update(status="draft")
        if data.draw(st.integers(0, 9), label="upload") == 0:
            path, post = upload_path, {"file": data.draw(uploads, label="file"), "upload": ""}
        else:
            path, good = data.draw(st.sampled_from(forms), label="form")
            post = data.draw(field_values(good), label="fields")
        response = browser.post(path, post)
        assert response.status_code < 500, (path, post)
        if path == "/accounts/logout/":
            browser.force_login(provider)

    browser.force_login(provider)
    fuzz()


def test_portal_screens_answer_hostile_query_parameters_without_a_5xx(browser, fuzz_site):
    draft, provider = fuzz_site["draft"], fuzz_site["provider"]
    steps = ["curriculum", "content", "assessment", "materials", "standards", "review", "nope"]
    paths = ["/portal/", "/portal/profile/", f"/portal/submissions/{draft.pk}/"]
    paths += [f"/portal/submissions/{draft.pk}/edit/{step}/" for step in steps]
    paths += [
        f"/portal/submissions/{draft.pk}/appeal/",
        f"/portal/submissions/{draft.pk}/appeal/lodge/",
    ]
    paths += ["/portal/materials/not-a-token/", "/portal/submissions/99999999999/"]
    browser.force_login(provider)

    @fuzz_settings(PORTAL_GET_EXAMPLES)
    @given(
        path=st.sampled_from(paths),
        query=st.dictionaries(
            st.sampled_from(["page", "next", "step", "o"]), parameter, max_size=2
        ),
    )
    def fuzz(path, query):
        response = browser.get(path, query)
        assert response.status_code < 500, (path, query)

    fuzz()
