"""The provider portal on the public site: registration, dashboard, the submission form."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_fsm import ConcurrentTransition

from accounts.limits import REGISTRATIONS, client_ip
from accounts.services import account_exists_email_send, verification_email_send

from ..core.audit import INTERNAL_ACTIONS
from ..core.errors import Conflict, Invalid, WorkflowError
from ..core.permissions import PROVIDER, user_organization_id
from ..core.states import APPEAL_NEXT_STEP, BEFORE_DECISION, PROVIDER_NEXT_STEP, Status
from ..http import status_for
from ..models import Decision, Organization, OrganizationMember, SelfAssessment, Submission
from ..models.rules import submission_completeness_errors
from ..selectors.appeals import appeal_list_for_provider, appeal_window
from ..selectors.submissions import submission_list_visible_to
from ..services.appeals import appeal_draft_save, appeal_lodge
from ..services.lifecycle import STALE, submission_transition
from ..services.recertification import can_recertify, recertification_start
from ..services.submissions import material_add, material_remove, submission_create
from ..services.transitions import (
    APPEAL_TRANSITIONS,
    TRANSITIONS,
    appeal_transition_refusal,
    transition_refusal,
)
from . import forms


@dataclass(frozen=True)
class Step:
    slug: str
    label: str


STEPS = [
    Step("curriculum", "Curriculum"),
    Step("content", "Content and methods"),
    Step("assessment", "Assessment and evidence"),
    Step("materials", "Materials"),
    Step("standards", "Standards self-assessment"),
    Step("review", "Review and submit"),
]
STEP_SLUGS = [step.slug for step in STEPS]


# --- Registration -------------------------------------------------------------------------


def register(request):
    form = forms.ProviderRegistrationForm(request.POST or None)
    if request.method == "POST":
        if REGISTRATIONS.exceeded(client_ip(request)):
            return render(
                request,
                "portal/register.html",
                {
                    "form": form,
                    "locked": "Too many registrations from here. Try again in an hour.",
                },
                status=429,
            )
        REGISTRATIONS.hit(client_ip(request))
        if form.is_valid():
            _register_provider(request, form.cleaned_data)
            # The same answer whether or not the address was known: no account enumeration.
            return render(
                request, "portal/register_done.html", {"email": form.cleaned_data["email"]}
            )
        return render(request, "portal/register.html", {"form": form}, status=400)
    return render(request, "portal/register.html", {"form": form})


def _register_provider(request, data) -> None:
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
        user.groups.add(Group.objects.get(name=PROVIDER))
        organization = Organization.objects.create(
            name=data["organization_name"],
            provider_type=data["provider_type"],
            state=data["state"],
            website=data["website"],
            contact_name=data["full_name"],
            contact_email=data["email"],
            contact_phone=data["phone"],
        )
        OrganizationMember.objects.create(user=user, organization=organization)
    verification_email_send(user=user, request=request)


# --- Dashboard and read-only view ----------------------------------------------------------


def _provider_required(request):
    if user_organization_id(request.user) is None:
        raise Http404("This account does not act for a training provider.")


@login_required
def dashboard(request):
    _provider_required(request)
    submissions = submission_list_visible_to(user=request.user).order_by("-updated_at")
    rows = [
        {"submission": submission, "next_step": PROVIDER_NEXT_STEP.get(submission.status, "")}
        for submission in submissions
    ]
    organization = request.user.provider_membership.organization
    return render(
        request,
        "portal/dashboard.html",
        {"rows": rows, "organization": organization, "new_form": forms.NewSubmissionForm()},
    )


@login_required
def submission_new(request):
    if request.method != "POST":
        # The home page's "Submit a curriculum" leads here, through the sign-in when needed:
        # the form that starts a submission is on the dashboard.
        return redirect("portal:dashboard")
    _provider_required(request)
    form = forms.NewSubmissionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the curriculum a title to start.")
        return redirect("portal:dashboard")
    try:
        submission = submission_create(
            organization=request.user.provider_membership.organization,
            user=request.user,
            title=form.cleaned_data["title"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("portal:dashboard")
    return redirect("portal:submission_step", pk=submission.pk, step=STEPS[0].slug)


def _visible_submission(request, pk) -> Submission:
    return get_object_or_404(submission_list_visible_to(user=request.user), pk=pk)


@login_required
def submission_detail(request, pk):
    submission = _visible_submission(request, pk)
    own_organization = user_organization_id(request.user) == submission.organization_id
    return render(
        request,
        "portal/submission_detail.html",
        {
            "submission": submission,
            "timeline": _timeline(submission, viewer_is_provider=own_organization),
            "next_step": PROVIDER_NEXT_STEP.get(submission.status, ""),
            "can_withdraw": own_organization and submission.status in BEFORE_DECISION,
            "withdraw_consequence": TRANSITIONS["withdraw"].consequence,
            "can_recertify": own_organization and can_recertify(submission),
            # The letters as sent: they name no reviewer and quote no confidential comment.
            "letters": submission.decisions.filter(stage=Decision.Stage.FINAL),
            # The appeals as the provider sees them: state and letter, never the panel.
            "appeals": [
                {"appeal": appeal, "next_step": APPEAL_NEXT_STEP[appeal.status]}
                for appeal in appeal_list_for_provider(submission=submission, user=request.user)
            ],
            "appeal_window": appeal_window(submission=submission, user=request.user),
        },
    )


# --- Appeals ---------------------------------------------------------------------------------

NOT_APPEALABLE = "Only a decision not to approve, a suspension or a revocation can be appealed."


@login_required
def submission_appeal(request, pk):
    """The appeal form: grounds and an optional file, saved as a draft; lodging it is the
    confirmation page's."""
    submission = _visible_submission(request, pk)
    if user_organization_id(request.user) != submission.organization_id:
        raise Http404
    window = appeal_window(submission=submission, user=request.user)
    problem = window["problem"] if window else NOT_APPEALABLE
    if problem:
        return _refused(request, submission, Conflict(problem))
    draft = window["draft"]
    form = forms.AppealForm(
        request.POST or None,
        request.FILES or None,
        initial={"grounds": draft.grounds if draft else ""},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                appeal_draft_save(
                    submission_id=submission.pk,
                    user=request.user,
                    grounds=form.cleaned_data["grounds"],
                    uploaded=form.cleaned_data["file"],
                )
            except ValidationError as error:
                form.add_error("file", error)
            except Invalid as refused:
                form.add_error(None, refused.message)
            except WorkflowError as refused:
                return _refused(request, submission, refused)
            else:
                return redirect("portal:submission_appeal_lodge", pk=submission.pk)
        status = 400
    else:
        status = 200
    return render(
        request,
        "portal/appeal_form.html",
        {"submission": submission, "form": form, "window": window, "draft": draft},
        status=status,
    )


@login_required
def submission_appeal_lodge(request, pk):
    """Say what lodging the appeal does; only the confirmed POST lodges it, and only once."""
    submission = _visible_submission(request, pk)
    if user_organization_id(request.user) != submission.organization_id:
        raise Http404
    if request.method != "POST" or "confirmed" not in request.POST:
        window = appeal_window(submission=submission, user=request.user)
        draft = window["draft"] if window else None
        if draft is None:
            if window is None:
                reason = NOT_APPEALABLE
            else:
                reason = window["problem"] or "Write the grounds of your appeal first."
            return _refused(request, submission, Conflict(reason))
        refusal = appeal_transition_refusal(appeal=draft, action="lodge", user=request.user)
        if refusal is not None:
            return _refused(request, submission, refusal)
        return render(
            request,
            "portal/appeal_confirm.html",
            {
                "submission": submission,
                "appeal": draft,
                "deadline": window["deadline"],
                "consequence": APPEAL_TRANSITIONS["lodge"].consequence,
            },
        )
    posted = request.POST.get("appeal", "")
    appeal = (
        submission.appeals.filter(pk=posted).first()
        if posted.isascii() and posted.isdigit() and len(posted) < 10
        else None
    )
    if appeal is None:
        raise Http404
    try:
        expected_status = request.POST.get("expected_status", "")
        if not expected_status:
            raise Invalid("The page did not say which appeal it acted on; reload it.")
        appeal_lodge(appeal_id=appeal.pk, user=request.user, expected_status=expected_status)
    except WorkflowError as refused:
        return _refused(request, submission, refused)
    messages.success(
        request, "Your appeal is lodged. We have emailed you; the decision stands meanwhile."
    )
    return redirect("portal:submission_detail", pk=submission.pk)


@login_required
@require_POST
def submission_recertify(request, pk):
    submission = _visible_submission(request, pk)
    if user_organization_id(request.user) != submission.organization_id:
        raise Http404
    try:
        copy = recertification_start(submission=submission, user=request.user)
    except WorkflowError as refused:
        return _refused(request, submission, refused)
    messages.success(request, "A recertification draft is ready: review each step and submit it.")
    return redirect("portal:submission_step", pk=copy.pk, step=STEPS[0].slug)


def _timeline(submission, *, viewer_is_provider: bool) -> list[dict]:
    """The audit events, naming the review team's members only to the review team."""
    rows = []
    events = submission.audit_events.select_related("actor")
    if viewer_is_provider:
        events = events.exclude(action__in=INTERNAL_ACTIONS)
    for event in events:
        from_provider = bool(event.actor) and (
            user_organization_id(event.actor) == submission.organization_id
        )
        name = event.actor_name
        rows.append(
            {
                "event": event,
                "who": name if from_provider or not viewer_is_provider else "Review team",
            }
        )
    return rows


@login_required
def submission_withdraw(request, pk):
    """Say what withdrawing does; only the confirmed POST withdraws, and only once."""
    submission = _visible_submission(request, pk)
    if request.method != "POST" or "confirmed" not in request.POST:
        refusal = transition_refusal(submission=submission, action="withdraw", user=request.user)
        if refusal is not None:
            return _refused(request, submission, refusal)
        return render(
            request,
            "portal/withdraw_confirm.html",
            {"submission": submission, "consequence": TRANSITIONS["withdraw"].consequence},
        )
    try:
        expected_status = request.POST.get("expected_status", "")
        if not expected_status:
            raise Invalid("The page did not say which status it acted on; reload it.")
        submission_transition(
            submission_id=submission.pk,
            action="withdraw",
            user=request.user,
            expected_status=expected_status,
        )
    except WorkflowError as refused:
        return _refused(request, submission, refused)
    messages.success(request, "The submission is withdrawn.")
    return redirect("portal:submission_detail", pk=submission.pk)


def _refused(request, submission, refused: WorkflowError):
    return render(
        request,
        "portal/refused.html",
        {"submission": submission, "message": refused.message},
        status=status_for(refused),
    )


# --- The multi-step form --------------------------------------------------------------------


@login_required
def submission_step(request, pk, step):
    submission = _visible_submission(request, pk)
    if step not in STEP_SLUGS:
        raise Http404
    if user_organization_id(request.user) != submission.organization_id:
        raise Http404
    if not submission.is_editable_by_provider:
        messages.info(request, "This submission can no longer be edited.")
        return redirect("portal:submission_detail", pk=submission.pk)
    handler = STEP_HANDLERS[step]
    try:
        # One transaction per save: a step overtaken half-way leaves nothing half-written.
        with transaction.atomic():
            response = handler(request, submission)
    except ConcurrentTransition:
        # The same submission was submitted or changed meanwhile, from another tab or person.
        return _refused(request, submission, Conflict(STALE))
    if response is not None:
        return response
    return redirect(_after_save(request, submission, step))


def _after_save(request, submission, step) -> str:
    index = STEP_SLUGS.index(step)
    if "save_draft" in request.POST or index == len(STEPS) - 1:
        messages.success(request, "Your draft is saved.")
        target = step
    else:
        target = STEP_SLUGS[index + 1]
    return reverse("portal:submission_step", args=[submission.pk, target])


def _render_step(request, submission, step, context, status=200, template=""):
    index = STEP_SLUGS.index(step)
    return render(
        request,
        template or f"portal/step_{step}.html",
        {
            "submission": submission,
            "steps": STEPS,
            "current": index,
            "step": STEPS[index],
            "previous": STEP_SLUGS[index - 1] if index else None,
            **context,
        },
        status=status,
    )


def _model_step(form_class, step):
    def handle(request, submission):
        form = form_class(request.POST or None, instance=submission)
        if request.method == "POST" and form.is_valid():
            form.save()
            return None
        status = 400 if request.method == "POST" else 200
        return _render_step(
            request, submission, step, {"form": form}, status, template="portal/step_form.html"
        )

    return handle


def _content_step(request, submission):
    form = forms.ContentStepForm(request.POST or None, instance=submission)
    modules = forms.ModuleFormSet(request.POST or None, instance=submission, prefix="modules")
    if request.method == "POST" and form.is_valid() and modules.is_valid():
        with transaction.atomic():
            form.save()
            _modules_save(modules)
        return None
    status = 400 if request.method == "POST" else 200
    return _render_step(request, submission, "content", {"form": form, "modules": modules}, status)


def _modules_save(modules) -> None:
    """Save the outline in the order the form shows it, without the removed modules.

    Every kept module is numbered, not only the new or changed ones: a module added after the
    others, or the only one changed, keeps its place.
    """
    changed = {id(module) for module in modules.save(commit=False)}
    for module in modules.deleted_objects:
        module.delete()
    position = 0
    for module_form in modules.forms:
        module = module_form.instance
        if module_form in modules.deleted_forms or (
            module.pk is None and id(module) not in changed
        ):
            continue  # removed, or a row left empty
        if id(module) in changed or module.position != position:
            module.position = position
            module.save()
        position += 1


def _materials_step(request, submission):
    form = forms.MaterialUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if "remove" in request.POST:
            remove = request.POST["remove"]
            if not (remove.isascii() and remove.isdigit() and len(remove) < 10):
                messages.error(request, "Choose a file from the list to remove.")
                return _render_step(request, submission, "materials", {"form": form}, status=400)
            material = submission.materials.filter(pk=remove).first()
            if material is None:
                raise Http404
            try:
                material_remove(material=material, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect("portal:submission_step", pk=submission.pk, step="materials")
        if "continue" in request.POST and not request.FILES:
            return None
        if form.is_valid():
            try:
                material_add(
                    submission=submission, user=request.user, uploaded=form.cleaned_data["file"]
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, f"{form.cleaned_data['file'].name} is uploaded.")
                return redirect("portal:submission_step", pk=submission.pk, step="materials")
        return _render_step(request, submission, "materials", {"form": form}, status=400)
    return _render_step(request, submission, "materials", {"form": form})


def _standards_step(request, submission):
    standards = list(submission.standards_version.standards.all())
    existing = {entry.standard_id: entry for entry in submission.self_assessments.all()}
    entries = [
        (
            standard,
            forms.SelfAssessmentForm(
                request.POST or None,
                prefix=f"std{standard.pk}",
                instance=existing.get(standard.pk)
                or SelfAssessment(submission=submission, standard=standard),
            ),
        )
        for standard in standards
    ]
    if request.method == "POST" and all(form.is_valid() for _, form in entries):
        with transaction.atomic():
            for _, form in entries:
                form.save()
        return None
    status = 400 if request.method == "POST" else 200
    return _render_step(request, submission, "standards", {"entries": entries}, status)


def _review_step(request, submission):
    form = forms.CertifyForm(
        request.POST or None, initial={"certified_by_name": submission.certified_by_name}
    )
    if request.method == "POST" and form.is_valid():
        submission.certified_by_name = form.cleaned_data["certified_by_name"]
        submission.certified_at = timezone.now()
        submission.save(update_fields=["certified_by_name", "certified_at", "updated_at"])
        resubmitting = submission.status == Status.REVISIONS_REQUESTED
        problems = submission_completeness_errors(submission)
        try:
            if problems:
                raise Invalid("The submission is not complete: " + " ".join(problems))
            submission_transition(
                submission_id=submission.pk,
                action="resubmit" if resubmitting else "submit",
                user=request.user,
                expected_status=request.POST.get("expected_status", ""),
            )
        except WorkflowError as refused:
            if not isinstance(refused, Invalid):
                return _refused(request, submission, refused)
            form.add_error(None, refused.message)
        else:
            messages.success(
                request, "Your curriculum is submitted. We have emailed you a confirmation."
            )
            return redirect("portal:submission_detail", pk=submission.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "problems": submission_completeness_errors(submission)}
    return _render_step(request, submission, "review", context, status)


STEP_HANDLERS = {
    "curriculum": _model_step(forms.CurriculumStepForm, "curriculum"),
    "content": _content_step,
    "assessment": _model_step(forms.AssessmentStepForm, "assessment"),
    "materials": _materials_step,
    "standards": _standards_step,
    "review": _review_step,
}


# --- Profile ---------------------------------------------------------------------------------


@login_required
def profile(request):
    """The provider's own name and their organization's details."""
    _provider_required(request)
    organization = request.user.provider_membership.organization
    person = forms.PersonForm(request.POST or None, instance=request.user, prefix="person")
    organization_form = forms.OrganizationForm(
        request.POST or None, instance=organization, prefix="org"
    )
    if request.method == "POST":
        if person.is_valid() and organization_form.is_valid():
            with transaction.atomic():
                person.save()
                organization_form.save()
            messages.success(request, "Your profile is saved.")
            return redirect("portal:profile")
        status = 400
    else:
        status = 200
    return render(
        request,
        "portal/profile.html",
        {"person": person, "organization_form": organization_form},
        status=status,
    )
