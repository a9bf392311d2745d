import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "a-long-test-password"


def make_member(username, *groups, **extra):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD, **extra
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def provider(db):
    return make_member("provider", "Provider")


@pytest.fixture
def staff(db):
    return make_member("staffer", "Review coordinator")
