"""Demo agencies and reports, enough for every chart, through the `register_demo_content` hook."""

import datetime

from curricula.models import CurriculumPage
from pages.models import USState

from .figures import impact_figures_recompute
from .models import Adoption, Agency, OutcomeReport

# state code -> how many demo agencies there
DEMO_STATES = {"OH": 5, "TX": 5, "CA": 2}
# curriculum slug -> how many of the demo agencies adopted it (the first N)
DEMO_ADOPTIONS = {
    "active-bystandership-for-officers": 12,
    "crisis-intervention-team-core-course": 6,
    "overdose-response-and-recovery-referral": 2,
}


def _demo_agencies() -> list[Agency]:
    agencies = []
    for code, count in DEMO_STATES.items():
        state = USState.objects.get(code=code)
        for number in range(1, count + 1):
            agency, _ = Agency.objects.get_or_create(
                ori=f"{code}{number:07d}",
                defaults={
                    "name": f"{state.name} Demo Police Department {number}",
                    "state": state,
                    "sworn_officers": 40 + 15 * number,
                },
            )
            agencies.append(agency)
    return agencies


def _demo_outcomes(adoption: Adoption, index: int) -> None:
    adopted = adoption.adopted_on
    OutcomeReport.objects.get_or_create(
        adoption=adoption,
        defaults={
            "before_start": adopted - datetime.timedelta(days=365),
            "before_end": adopted - datetime.timedelta(days=1),
            "after_start": adopted + datetime.timedelta(days=1),
            "after_end": adopted + datetime.timedelta(days=365),
            "use_of_force_before": 20 + index,
            "use_of_force_after": 14 + index,
            "officer_injuries_before": 6,
            "officer_injuries_after": 4,
            "subject_injuries_before": 9,
            "subject_injuries_after": 5 + index % 3,
            "complaints_before": 12,
            "complaints_after": 9,
        },
    )


def impact_demo_seed() -> int:
    """Create demo agencies with adoption and outcome reports; return how many adoptions were new."""
    agencies = _demo_agencies()
    created_count = 0
    for slug, count in DEMO_ADOPTIONS.items():
        curriculum = CurriculumPage.objects.filter(slug=slug).first()
        if curriculum is None:
            continue
        for index, agency in enumerate(agencies[:count]):
            adopted = datetime.date(2024, 1 + index % 12, 1)
            adoption, created = Adoption.objects.get_or_create(
                agency=agency,
                curriculum=curriculum,
                defaults={
                    "adopted_on": adopted,
                    "officers_trained": min(agency.sworn_officers, 30 + index),
                    "training_start": adopted,
                    "training_end": adopted + datetime.timedelta(days=60),
                },
            )
            created_count += int(created)
            _demo_outcomes(adoption, index)
    impact_figures_recompute()
    return created_count
