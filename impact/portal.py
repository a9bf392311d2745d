"""The agency's portal screens: registration, its reports, and the report forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts.limits import REGISTRATIONS, client_ip

from .forms import AdoptionForm, AgencyRegistrationForm, OutcomeReportForm
from .services import adoption_report, agency_register, outcome_report


def agency_register_view(request):
    form = AgencyRegistrationForm(request.POST or None)
    if request.method != "POST":
        return render(request, "impact/portal/register.html", {"form": form})
    if REGISTRATIONS.exceeded(client_ip(request)):
        locked = "Too many registrations from here. Try again in an hour."
        return render(
            request, "impact/portal/register.html", {"form": form, "locked": locked}, status=429
        )
    REGISTRATIONS.hit(client_ip(request))
    if not form.is_valid():
        return render(request, "impact/portal/register.html", {"form": form}, status=400)
    agency_register(data=form.cleaned_data, request=request)
    # The same answer whether or not the address was known: no account enumeration.
    return render(
        request, "impact/portal/register_done.html", {"email": form.cleaned_data["email"]}
    )


def _agency(request):
    membership = getattr(request.user, "agency_membership", None)
    if membership is None:
        raise Http404("This account does not report for an agency.")
    return membership.agency


@login_required
def agency_dashboard(request):
    agency = _agency(request)
    adoptions = agency.adoptions.select_related("curriculum").prefetch_related("outcomes")
    return render(
        request, "impact/portal/dashboard.html", {"agency": agency, "adoptions": adoptions}
    )


@login_required
def adoption_new(request):
    agency = _agency(request)
    form = AdoptionForm(request.POST or None, agency=agency)
    if request.method == "POST":
        if form.is_valid():
            adoption_report(form=form)
            messages.success(request, "Adoption reported. Thank you.")
            return redirect("impact-portal:dashboard")
        return render(request, "impact/portal/adoption_form.html", {"form": form}, status=400)
    return render(request, "impact/portal/adoption_form.html", {"form": form})


@login_required
def outcome_new(request, pk):
    agency = _agency(request)
    adoption = get_object_or_404(agency.adoptions.select_related("curriculum"), pk=pk)
    form = OutcomeReportForm(request.POST or None, adoption=adoption)
    context = {"form": form, "adoption": adoption}
    if request.method == "POST":
        if form.is_valid():
            outcome_report(form=form)
            messages.success(request, "Outcome measures reported. Thank you.")
            return redirect("impact-portal:dashboard")
        return render(request, "impact/portal/outcome_form.html", context, status=400)
    return render(request, "impact/portal/outcome_form.html", context)
