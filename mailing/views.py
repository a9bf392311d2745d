"""Sign-up, confirmation, preferences and one-click unsubscribe; the bounce webhook."""

import hmac
import json

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.limits import client_ip

from .forms import FooterSignupForm, PreferencesForm, SignupForm
from .links import subscriber_for_confirmation, subscriber_for_management
from .models import Subscriber
from .services import (
    TooManySignups,
    subscriber_confirm,
    subscriber_erase,
    subscriber_mark_undeliverable,
    subscriber_preferences_update,
    subscriber_signup,
    subscriber_unsubscribe,
)

EMAIL_MAX_LENGTH = Subscriber._meta.get_field("email").max_length


def signup(request):
    """The sign-up page; the footer form posts here too."""
    footer = request.POST.get("form") == "footer"
    form_class = FooterSignupForm if footer else SignupForm
    form = form_class(request.POST or None)
    if request.method != "POST":
        # The footer form on every page opens this one with the address filled in.
        initial = {"email": request.GET.get("email", "")[:254]}
        return render(request, "mailing/signup.html", {"form": SignupForm(initial=initial)})
    if not form.is_valid():
        return render(request, "mailing/signup.html", {"form": form}, status=400)
    if not form.is_bot:  # bots get the same answer
        try:
            subscriber_signup(
                email=form.cleaned_data["email"],
                topics=form.cleaned_data.get("topics") or [],
                project_announcements=form.cleaned_data.get("project_announcements", True)
                if not footer
                else True,
                source=Subscriber.Source.FOOTER if footer else Subscriber.Source.SIGNUP_PAGE,
                client=client_ip(request),
            )
        except TooManySignups:
            return render(request, "mailing/too_many.html", status=429)
    return redirect("mailing:check_email")


def check_email(request):
    return render(request, "mailing/check_email.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = subscriber_for_confirmation(token)
    if subscriber is None:
        return render(request, "mailing/link_invalid.html", status=400)
    if request.method == "POST":
        if not subscriber_confirm(subscriber):
            return render(request, "mailing/link_invalid.html", status=400)
        return render(request, "mailing/confirmed.html", {"token": token})
    # Confirming takes a button press, so link scanners that open the link confirm nothing.
    return render(request, "mailing/confirm.html", {"subscriber": subscriber})


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = subscriber_for_management(token)
    if subscriber is None:
        return render(request, "mailing/link_invalid.html", status=400)
    if request.method == "POST" and "unsubscribe" in request.POST:
        subscriber_unsubscribe(subscriber)
        return render(request, "mailing/unsubscribed.html", {"token": token})
    if request.method == "POST" and "erase" in request.POST:
        subscriber_erase(subscriber)
        return render(request, "mailing/erased.html")
    initial = {
        "topics": subscriber.topics.all(),
        "project_announcements": subscriber.project_announcements,
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    context = {"form": form, "subscriber": subscriber, "token": token}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "mailing/preferences.html", context, status=400)
        subscriber_preferences_update(
            subscriber=subscriber,
            topics=form.cleaned_data["topics"],
            project_announcements=form.cleaned_data["project_announcements"],
        )
        context["saved"] = True
    return render(request, "mailing/preferences.html", context)


# RFC 8058: mail clients POST "List-Unsubscribe=One-Click" to this address, without cookies or
# a CSRF token; the signed token in the URL is the authorization.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = subscriber_for_management(token)
    if subscriber is None:
        return render(request, "mailing/link_invalid.html", status=400)
    if request.method == "POST":
        subscriber_unsubscribe(subscriber)
        return render(request, "mailing/unsubscribed.html", {"token": token})
    return render(request, "mailing/unsubscribe.html", {"subscriber": subscriber})


@csrf_exempt
@require_POST
def delivery_webhook(request):
    """Bounces and complaints from the mail provider: {"email": ..., "type": "bounce"}."""
    expected = settings.MAILING_WEBHOOK_SECRET
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        return JsonResponse({"error": "Not authorized."}, status=401)
    try:
        payload = json.loads(request.body)
        email, kind = payload["email"], payload["type"]
    # RecursionError: deeply nested JSON exhausts the parser's stack.
    except (ValueError, KeyError, TypeError, RecursionError):
        return JsonResponse(
            {"error": 'Send JSON: {"email": "...", "type": "bounce"}.'}, status=400
        )
    if (
        not isinstance(email, str)
        or not 0 < len(email.strip()) <= EMAIL_MAX_LENGTH
        or "\x00" in email
    ):
        return JsonResponse(
            {"error": f"email must be an address of at most {EMAIL_MAX_LENGTH} characters."},
            status=400,
        )
    statuses = {"bounce": Subscriber.Status.BOUNCED, "complaint": Subscriber.Status.COMPLAINED}
    if not isinstance(kind, str) or kind not in statuses:
        return JsonResponse({"error": "type must be bounce or complaint."}, status=400)
    found = subscriber_mark_undeliverable(email=email, status=statuses[kind])
    return JsonResponse({"updated": found})
