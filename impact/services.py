"""Agency registration and reports; every report queues the recomputation of the figures."""

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.services import account_exists_email_send, verification_link
from accounts.tasks import send_account_email

from .models import Adoption, Agency, AgencyMember, OutcomeReport
from .tasks import impact_figures_recompute_task


def agency_register(*, data: dict, request) -> None:
    """Create an inactive account with its agency and email the confirmation link."""
    User = get_user_model()
    if User.objects.filter(email__iexact=data["email"]).exists():
        account_exists_email_send(email=data["email"], request=request)
        return
    with transaction.atomic():
        first, _, last = data["full_name"].partition(" ")
        user = User.objects.create_user(
            username=data["email"],
            email=data["email"],
            password=data["password"],
            first_name=first[:150],
            last_name=last[:150],
            is_active=False,
        )
        agency = Agency.objects.create(
            name=data["agency_name"],
            ori=data["ori"],
            state=data["state"],
            sworn_officers=data["sworn_officers"],
        )
        AgencyMember.objects.create(user=user, agency=agency)
    send_account_email.enqueue(
        "Confirm your email address",
        "Welcome to agency reporting on the De-escalation Training Review.\n\n"
        f"Confirm your email address to activate your account:\n{verification_link(user, request)}\n\n"
        "If you did not register, ignore this email.\n",
        user.email,
    )


def _recompute_after_commit() -> None:
    transaction.on_commit(impact_figures_recompute_task.enqueue)


def adoption_report(*, form) -> Adoption:
    """Save an agency's adoption report (a valid AdoptionForm) and refresh the figures."""
    with transaction.atomic():
        adoption = form.save()
        _recompute_after_commit()
    return adoption


def outcome_report(*, form) -> OutcomeReport:
    """Save an outcome report (a valid OutcomeReportForm) and refresh the figures."""
    with transaction.atomic():
        report = form.save()
        _recompute_after_commit()
    return report
