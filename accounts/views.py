"""Sign in, sign out, email verification and password reset, with abuse limits."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .forms import ConfirmationResendForm, EmailLoginForm, QueuedPasswordResetForm
from .services import verification_confirm, verification_resend


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/portal/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/portal/"


def login_view(request):
    form = EmailLoginForm(request, request.POST or None)
    if request.method == "POST":
        # The sign-in limits live in the authentication backend, shared by every door.
        if form.is_valid():
            login(request, form.user, backend="accounts.backends.EmailBackend")
            return redirect(_next_url(request))
        return render(request, "accounts/login.html", {"form": form}, status=400)
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "You are signed out.")
    return redirect("/")


def verify_view(request, token):
    user = verification_confirm(token)
    if user is None:
        return render(request, "accounts/verify_failed.html", status=400)
    messages.success(request, "Your email address is confirmed. You can sign in now.")
    return redirect("accounts:login")


def confirmation_resend_view(request):
    form = ConfirmationResendForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            verification_resend(email=form.cleaned_data["email"], request=request)
            return redirect("accounts:confirmation_resend_done")
        return render(request, "accounts/confirmation_resend.html", {"form": form}, status=400)
    return render(request, "accounts/confirmation_resend.html", {"form": form})


def confirmation_resend_done_view(request):
    return render(request, "accounts/confirmation_resend_done.html")


class LimitedPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset; its form sends nothing past the reset limits."""

    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
