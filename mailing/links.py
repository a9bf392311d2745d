"""Signed links in mailing-list emails: no sign-in needed, nothing guessable."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Subscriber

CONFIRM_SALT = "mailing.confirm"
MANAGE_SALT = "mailing.manage"


def _token(subscriber: Subscriber, salt: str) -> str:
    return signing.dumps({"s": subscriber.pk, "k": subscriber.link_key}, salt=salt)


def _subscriber(token: str, salt: str, max_age=None) -> Subscriber | None:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # tampered, or older than max_age
        return None
    return Subscriber.objects.filter(pk=data.get("s"), link_key=data.get("k")).first()


def confirm_url(subscriber: Subscriber) -> str:
    path = reverse("mailing:confirm", args=[_token(subscriber, CONFIRM_SALT)])
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def manage_url(subscriber: Subscriber) -> str:
    path = reverse("mailing:preferences", args=[_token(subscriber, MANAGE_SALT)])
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def unsubscribe_url(subscriber: Subscriber) -> str:
    path = reverse("mailing:unsubscribe", args=[_token(subscriber, MANAGE_SALT)])
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


_SIGNED_SLOT = "__signed__"


class PersonalLinks:
    """Each subscriber's preferences and unsubscribe URLs, with the paths reversed only once."""

    def __init__(self):
        base = settings.WAGTAILADMIN_BASE_URL
        self.preferences = base + reverse("mailing:preferences", args=[_SIGNED_SLOT])
        self.unsubscribe = base + reverse("mailing:unsubscribe", args=[_SIGNED_SLOT])

    def __call__(self, subscriber: Subscriber) -> tuple[str, str]:
        token = _token(subscriber, MANAGE_SALT)  # signed once for both
        return self.preferences.replace(_SIGNED_SLOT, token), self.unsubscribe.replace(
            _SIGNED_SLOT, token
        )


def personal_urls(subscriber: Subscriber) -> tuple[str, str]:
    """The preferences and one-click unsubscribe URLs, signed once for both."""
    return PersonalLinks()(subscriber)


def subscriber_for_confirmation(token: str) -> Subscriber | None:
    return _subscriber(token, CONFIRM_SALT, max_age=settings.MAILING_CONFIRM_MAX_AGE)


def subscriber_for_management(token: str) -> Subscriber | None:
    # No expiry: an unsubscribe link must keep working in old emails.
    return _subscriber(token, MANAGE_SALT)
