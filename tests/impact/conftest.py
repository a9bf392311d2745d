import datetime

import pytest

from curricula.models import CatalogPage
from impact.models import Adoption, Agency, AgencyMember
from pages.models import USState
from tests.search.fixtures import curriculum, publish_child


@pytest.fixture
def catalog(home_page):
    return publish_child(home_page, CatalogPage(title="Catalog", slug="catalog"))


@pytest.fixture
def approved_curriculum(catalog):
    return curriculum(
        catalog, "Patrol De-escalation Fundamentals", topics=("communication-skills",)
    )


def agency_make(number: int, state: str = "OH", sworn: int = 100) -> Agency:
    return Agency.objects.create(
        name=f"Agency {number}",
        ori=f"{state}{number:07d}",
        state=USState.objects.get(code=state),
        sworn_officers=sworn,
    )


@pytest.fixture
def agency(db):
    return agency_make(1)


@pytest.fixture
def reporter(django_user_model, agency):
    user = django_user_model.objects.create_user("chief@example.org", "chief@example.org", "pw")
    AgencyMember.objects.create(user=user, agency=agency)
    return user


@pytest.fixture
def adoption(agency, approved_curriculum):
    return Adoption.objects.create(
        agency=agency,
        curriculum=approved_curriculum,
        adopted_on=datetime.date(2025, 6, 1),
        officers_trained=40,
        training_start=datetime.date(2025, 3, 1),
        training_end=datetime.date(2025, 5, 31),
    )
