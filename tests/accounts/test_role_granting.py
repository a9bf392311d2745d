"""Only superusers make superusers; others grant only the roles whose permissions they hold."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.accounts.conftest import PASSWORD
from tests.accounts.conftest import make_member as _member

User = get_user_model()


def _new_user_form(username, **overrides):
    """Every field Wagtail's user form sends, the way a browser sends it."""
    data = {
        "username": username,
        "email": f"{username}@example.org",
        "first_name": "New",
        "last_name": "Person",
        "password1": "another-long-password-42",
        "password2": "another-long-password-42",
    }
    data.update(overrides)
    return data


def _edit_form(user, **overrides):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name or "Some",
        "last_name": user.last_name or "One",
        "password1": "",
        "password2": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def administrator(db, client):
    user = _member("admin-role", "Administrator")
    client.force_login(user)
    return user


def _group(name):
    return Group.objects.get(name=name)


def test_an_administrator_cannot_create_a_superuser(client, administrator):
    response = client.post(
        "/admin/users/new/", _new_user_form("mallory", is_superuser="on"), follow=False
    )
    assert response.status_code == 302
    created = User.objects.get(username="mallory")
    assert not created.is_superuser


def test_an_administrator_is_not_offered_superuser_status(client, administrator):
    response = client.get("/admin/users/new/")
    assert response.status_code == 200
    assert 'name="is_superuser"' not in response.content.decode()


def test_an_administrator_cannot_create_another_administrator(client, administrator):
    response = client.post(
        "/admin/users/new/", _new_user_form("mallory", groups=str(_group("Administrator").pk))
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(username="mallory").exists()


def test_an_administrator_grants_roles_whose_permissions_they_hold(client, administrator):
    coordinator = _group("Review coordinator")
    response = client.post(
        "/admin/users/new/",
        _new_user_form("carol", groups=[str(coordinator.pk), str(_group("Provider").pk)]),
    )
    assert response.status_code == 302
    assert set(User.objects.get(username="carol").groups.values_list("name", flat=True)) == {
        "Review coordinator",
        "Provider",
    }


def test_an_administrator_cannot_promote_a_person_to_administrator(client, administrator):
    person = _member("person", "Reviewer")
    response = client.post(
        f"/admin/users/edit/{person.pk}/",
        _edit_form(person, groups=[str(_group("Administrator").pk)], is_superuser="on"),
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert not person.is_superuser
    assert list(person.groups.values_list("name", flat=True)) == ["Reviewer"]


def test_an_administrator_editing_a_person_cannot_slip_in_superuser(client, administrator):
    person = _member("person", "Reviewer")
    response = client.post(
        f"/admin/users/edit/{person.pk}/",
        _edit_form(person, groups=[str(_group("Reviewer").pk)], is_superuser="on"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_superuser


def test_an_administrator_cannot_edit_a_superuser_or_a_fellow_administrator(client, administrator):
    root = _member("root", is_superuser=True)
    peer = _member("peer", "Administrator")
    for target in (root, peer):
        response = client.post(
            f"/admin/users/edit/{target.pk}/",
            _edit_form(target, password1="x" * 20, password2="x" * 20),
        )
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response.url != "/admin/users/"
        target.refresh_from_db()
        assert target.check_password(PASSWORD)


def test_an_administrator_editing_themselves_keeps_but_cannot_widen_their_roles(
    client, administrator
):
    response = client.post(
        f"/admin/users/edit/{administrator.pk}/",
        _edit_form(administrator, groups=[str(_group("Review coordinator").pk)]),
    )
    assert response.status_code == 302
    administrator.refresh_from_db()
    assert not administrator.is_superuser
    assert set(administrator.groups.values_list("name", flat=True)) == {
        "Administrator",
        "Review coordinator",
    }


def test_only_a_superuser_edits_groups(client, administrator):
    group = _group("Administrator")
    response = client.post(
        f"/admin/groups/edit/{group.pk}/",
        {"name": "Administrator", "permissions": []},
    )
    assert response.status_code in (302, 403)
    assert group.permissions.filter(codename="add_user").exists()
    assert client.get("/admin/groups/new/").status_code in (302, 403)


def test_a_superuser_may_grant_superuser_status(client, db):
    client.force_login(_member("root", is_superuser=True))
    response = client.post(
        "/admin/users/new/",
        _new_user_form("deputy", is_superuser="on", groups=str(_group("Administrator").pk)),
    )
    assert response.status_code == 302
    assert User.objects.get(username="deputy").is_superuser


def _bulk_assign(client, users, group):
    ids = "&".join(f"id={user.pk}" for user in users)
    return client.post(
        f"/admin/bulk/auth/user/assign_role/?next=/admin/users/&{ids}", {"role": str(group.pk)}
    )


def test_the_bulk_assign_role_action_follows_the_same_rule(client, administrator):
    person = _member("person", "Reviewer")
    _bulk_assign(client, [person], _group("Administrator"))
    assert set(person.groups.values_list("name", flat=True)) == {"Reviewer"}

    response = _bulk_assign(client, [person], _group("Review coordinator"))
    assert response.status_code == 302
    assert set(person.groups.values_list("name", flat=True)) == {"Reviewer", "Review coordinator"}


def test_bulk_actions_leave_superusers_and_fellow_administrators_alone(client, administrator):
    root = _member("root", is_superuser=True)
    peer = _member("peer", "Administrator")
    _bulk_assign(client, [root, peer], _group("Provider"))
    assert not root.groups.exists()
    assert set(peer.groups.values_list("name", flat=True)) == {"Administrator"}
    client.post(
        f"/admin/bulk/auth/user/set_active_state/?next=/admin/users/&id={root.pk}&id={peer.pk}",
        {"mark_as_active": "False"},
    )
    root.refresh_from_db()
    peer.refresh_from_db()
    assert root.is_active and peer.is_active
