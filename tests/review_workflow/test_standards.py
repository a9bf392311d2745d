"""Standards versions: a version in use keeps its standards, one is current, the public reads it."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied

from review_workflow.models import Standard, StandardsVersion
from review_workflow.standards_seed import FIRST_VERSION_NAME, FIRST_VERSION_STANDARDS

ADMIN = "/admin/snippets/review_workflow/standardsversion"
IN_USE = "Submissions already use this version: its standards cannot change."


def edit_url(version):
    return f"{ADMIN}/edit/{version.pk}/"


def form_data(response) -> dict:
    """What the admin's edit form posts when nothing is changed, read from the rendered page."""
    form = BeautifulSoup(response.content, "html.parser").find("form", id="w-editor-form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or "__prefix__" in name or field.get("type") in {"submit", "button"}:
            continue
        if field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen["value"]
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def edit(client, version, **changes):
    """Open the version's edit form in the admin, apply `changes` and save it."""
    data = form_data(client.get(edit_url(version)))
    data.update(changes)
    return client.post(edit_url(version), data)


def add_standard(data: dict) -> None:
    index = int(data["standards-TOTAL_FORMS"])
    data["standards-TOTAL_FORMS"] = str(index + 1)
    data.update(
        {
            f"standards-{index}-id": "",
            f"standards-{index}-code": "NEW-1",
            f"standards-{index}-domain": "Practice",
            f"standards-{index}-title": "A new standard",
            f"standards-{index}-guidance": "Something else reviewers look for.",
            f"standards-{index}-required": "on",
            f"standards-{index}-ORDER": str(index + 1),
            f"standards-{index}-DELETE": "",
        }
    )


def seeded_content(version) -> list[tuple]:
    return list(version.standards.values_list("code", "domain", "title", "guidance", "required"))


@pytest.fixture
def first_version(db):
    return StandardsVersion.objects.get(name=FIRST_VERSION_NAME)


@pytest.fixture
def in_use(first_version, complete_draft):
    """The first version, with a submission assessed against it."""
    assert complete_draft.standards_version == first_version
    return first_version


@pytest.fixture
def draft_version(first_version):
    return first_version.copy_as_draft(
        name="National Standards v2.0", effective_date=datetime.date(2027, 9, 1)
    )


CHANGES = {
    "guidance reworded": lambda data: data.update({"standards-0-guidance": "Something else."}),
    "standard made optional": lambda data: data.pop("standards-0-required"),
    "standard removed": lambda data: data.update({"standards-1-DELETE": "on"}),
    "standard added": add_standard,
    "standards reordered": lambda data: data.update(
        {"standards-0-ORDER": "2", "standards-1-ORDER": "1"}
    ),
    "version renamed": lambda data: data.update({"name": "National Standards v1.1"}),
    "effective date moved": lambda data: data.update({"effective_date": "2026-10-01"}),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_the_admin_refuses_to_change_a_version_submissions_use(
    client, coordinator, in_use, change
):
    before = seeded_content(in_use)
    client.force_login(coordinator)
    data = form_data(client.get(edit_url(in_use)))
    change(data)
    response = client.post(edit_url(in_use), data)
    assert response.status_code == 200
    assert IN_USE in response.content.decode()
    assert any(IN_USE in error for error in response.context["form"].non_field_errors())
    in_use.refresh_from_db()
    assert in_use.name == FIRST_VERSION_NAME
    assert in_use.effective_date == datetime.date(2026, 9, 1)
    assert seeded_content(in_use) == before


def test_the_edit_form_of_a_version_in_use_says_to_copy_it(client, coordinator, in_use):
    client.force_login(coordinator)
    page = client.get(edit_url(in_use)).content.decode()
    assert "Submissions already use this version, so only its status can change." in page


def test_a_version_in_use_can_still_be_retired(client, coordinator, in_use):
    before = seeded_content(in_use)
    client.force_login(coordinator)
    response = edit(client, in_use, status="retired")
    assert response.status_code == 302
    in_use.refresh_from_db()
    assert in_use.status == "retired"
    assert seeded_content(in_use) == before


def test_a_version_nobody_uses_can_be_edited(client, coordinator, draft_version):
    client.force_login(coordinator)
    data = form_data(client.get(edit_url(draft_version)))
    data["standards-0-guidance"] = "Reworded guidance."
    data["standards-1-DELETE"] = "on"
    add_standard(data)
    assert client.post(edit_url(draft_version), data).status_code == 302
    codes = list(draft_version.standards.values_list("code", flat=True))
    assert codes[0] == "DE-1" and "DE-2" not in codes and codes[-1] == "NEW-1"
    assert draft_version.standards.get(code="DE-1").guidance == "Reworded guidance."


def test_the_models_refuse_changes_to_a_version_in_use(in_use):
    standard = in_use.standards.first()
    standard.title = "Changed behind the admin's back"
    with pytest.raises(PermissionDenied):
        standard.save()
    with pytest.raises(PermissionDenied):
        in_use.standards.last().delete()
    with pytest.raises(PermissionDenied):
        Standard.objects.create(
            version=in_use, code="NEW-1", domain="Practice", title="New", guidance="New."
        )
    in_use.name = "Renamed"
    with pytest.raises(PermissionDenied):
        in_use.save()
    in_use.refresh_from_db()
    assert in_use.name == FIRST_VERSION_NAME
    assert in_use.standards.count() == len(FIRST_VERSION_STANDARDS)
    assert in_use.standards.first().title == "De-escalation tactics and techniques"
    in_use.status = StandardsVersion.Status.RETIRED
    in_use.save()
    assert StandardsVersion.objects.get(pk=in_use.pk).status == "retired"


def test_making_a_version_current_in_the_admin_retires_the_previous_one(
    client, coordinator, in_use, draft_version
):
    client.force_login(coordinator)
    response = edit(client, draft_version, status="current")
    assert response.status_code == 302
    assert StandardsVersion.current() == draft_version
    in_use.refresh_from_db()
    assert in_use.status == "retired"


def test_a_version_created_as_current_retires_the_previous_one(client, coordinator, first_version):
    client.force_login(coordinator)
    data = form_data(client.get(f"{ADMIN}/add/"))
    data.update({"name": "National Standards v3.0", "effective_date": "2028-01-01"})
    data["status"] = "current"
    assert client.post(f"{ADMIN}/add/", data).status_code == 302
    assert StandardsVersion.current().name == "National Standards v3.0"
    assert StandardsVersion.objects.get(pk=first_version.pk).status == "retired"


def test_a_version_in_use_cannot_be_deleted_and_the_admin_says_why(client, admin_user, in_use):
    client.force_login(admin_user)
    confirm = client.get(f"{ADMIN}/delete/{in_use.pk}/").content.decode()
    assert "cannot be deleted" in confirm
    assert "Yes, delete" not in confirm
    single = client.post(f"{ADMIN}/delete/{in_use.pk}/", follow=True)
    bulk = client.post(
        f"/admin/bulk/review_workflow/standardsversion/delete/?next={ADMIN}/&id={in_use.pk}",
        follow=True,
    )
    for response in (single, bulk):
        assert response.status_code == 200
        shown = [str(message) for message in response.context["messages"]]
        assert any("cannot be deleted: submissions are assessed against it" in m for m in shown)
    assert StandardsVersion.objects.filter(pk=in_use.pk).exists()


def test_a_draft_nobody_uses_can_be_deleted(client, admin_user, draft_version):
    client.force_login(admin_user)
    assert client.post(f"{ADMIN}/delete/{draft_version.pk}/").status_code == 302
    assert not StandardsVersion.objects.filter(pk=draft_version.pk).exists()
    assert not Standard.objects.filter(version_id=draft_version.pk).exists()


def test_copying_a_version_makes_a_draft_with_its_standards_in_order(client, coordinator, in_use):
    client.force_login(coordinator)
    copy_url = f"{ADMIN}/copy/{in_use.pk}/"
    assert copy_url in client.get(f"{ADMIN}/").content.decode()
    form = client.get(copy_url)
    assert form.status_code == 200
    assert f'value="{FIRST_VERSION_NAME} (copy)"' in form.content.decode()
    response = client.post(copy_url, {"name": "National Standards v2.0", "effective_date": ""})
    assert response.status_code == 200  # an effective date is needed
    response = client.post(
        copy_url, {"name": "National Standards v2.0", "effective_date": "2027-09-01"}
    )
    copy = StandardsVersion.objects.get(name="National Standards v2.0")
    assert response.status_code == 302
    assert response["Location"] == edit_url(copy)
    assert copy.status == "draft"
    assert copy.effective_date == datetime.date(2027, 9, 1)
    assert seeded_content(copy) == seeded_content(in_use)
    assert [s.code for s in copy.standards.all()] == [row[0] for row in FIRST_VERSION_STANDARDS]
    assert not copy.standards.filter(pk__in=in_use.standards.values("pk")).exists()
    assert StandardsVersion.current() == in_use


def test_a_copy_needs_a_name_no_other_version_has(client, coordinator, first_version):
    client.force_login(coordinator)
    response = client.post(
        f"{ADMIN}/copy/{first_version.pk}/",
        {"name": FIRST_VERSION_NAME, "effective_date": "2027-09-01"},
    )
    assert response.status_code == 200
    assert "A version with this name already exists." in response.content.decode()
    assert StandardsVersion.objects.count() == 1


def test_the_standards_page_shows_the_current_version_by_domain(client, home_page, first_version):
    response = client.get("/standards/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title.text.startswith("National standards |")
    assert page.h1.text == "National standards"
    assert FIRST_VERSION_NAME in page.find("p", class_="usa-intro").text
    assert "September 1, 2026" in page.find("p", class_="usa-intro").text
    crumbs = [item.text.strip() for item in page.select(".usa-breadcrumb__list-item")]
    assert crumbs == ["Home", "National standards"]
    domains = list(dict.fromkeys(row[1] for row in FIRST_VERSION_STANDARDS))
    assert [h2.text for h2 in page.select("main h2")] == [*domains, "All versions"]
    # Delivery's two standards sit together under its heading, though Content comes between.
    by_domain = [f"{r[0]}: {r[2]}" for d in domains for r in FIRST_VERSION_STANDARDS if r[1] == d]
    assert [h3.text for h3 in page.select("main li h3")] == by_domain
    assert by_domain[-3:] == [
        "IN-1: Instructor qualifications",
        "DL-1: Accessibility and adaptability of delivery",
        "EV-1: Accuracy, currency and evidence base",
    ]
    follow_up = page.find("h3", string="AS-2: Follow-up assessment").parent
    assert "Optional" in follow_up.text
    assert "Required" in page.find("h3", string=lambda text: text.startswith("DE-1")).parent.text
    assert FIRST_VERSION_STANDARDS[0][3] in response.content.decode()


def test_retired_versions_have_their_own_page_and_drafts_are_never_public(
    client, home_page, first_version, draft_version
):
    assert client.get(f"/standards/{draft_version.pk}/").status_code == 404
    assert draft_version.name not in client.get("/standards/").content.decode()
    draft_version.status = StandardsVersion.Status.CURRENT
    draft_version.save()
    current = client.get("/standards/").content.decode()
    assert "National Standards v2.0" in current
    assert f'href="/standards/{first_version.pk}/"' in current
    retired = client.get(f"/standards/{first_version.pk}/")
    assert retired.status_code == 200
    page = BeautifulSoup(retired.content, "html.parser")
    assert page.h1.text == FIRST_VERSION_NAME
    assert "This version has been retired" in page.text
    assert [i.text.strip() for i in page.select(".usa-breadcrumb__list-item")] == [
        "Home",
        "National standards",
        FIRST_VERSION_NAME,
    ]
    assert client.get(f"/standards/{draft_version.pk}/")["Location"] == "/standards/"
    assert client.get("/standards/999999/").status_code == 404


def test_without_a_current_version_the_standards_page_says_so(client, home_page, first_version):
    first_version.status = StandardsVersion.Status.RETIRED
    first_version.save()
    response = client.get("/standards/")
    assert response.status_code == 200
    assert "No standards are in effect" in response.content.decode()
    assert f'href="/standards/{first_version.pk}/"' in response.content.decode()


def test_the_site_header_links_to_the_standards(client, demo_site):
    page = BeautifulSoup(client.get("/about/").content, "html.parser")
    header = page.find("header", class_="usa-header")
    assert header.find("a", href="/standards/", string="Standards")
