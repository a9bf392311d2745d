"""Email verification with signed, expiring links."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from .limits import confirmation_resend_allowed
from .tasks import send_account_email

VERIFY_SALT = "accounts.verify-email"


def verification_link(user, request) -> str:
    token = signing.dumps({"user": user.pk, "email": user.email}, salt=VERIFY_SALT)
    return request.build_absolute_uri(reverse("accounts:verify", args=[token]))


def verification_email_send(*, user, request) -> None:
    """Send the link that activates a new account."""
    days = settings.ACCOUNT_VERIFICATION_MAX_AGE // 86400
    send_account_email.enqueue(
        "Confirm your email address",
        "Welcome to the De-escalation Training Review provider portal.\n\n"
        f"Confirm your email address to activate your account:\n{verification_link(user, request)}\n\n"
        f"The link works for {days} days. If you did not register, ignore this email.\n",
        user.email,
    )


def account_exists_email_send(*, email: str, request) -> None:
    """Tell the owner of an address that it is already registered, instead of revealing it."""
    send_account_email.enqueue(
        "You already have an account",
        "Someone (perhaps you) tried to register with this email address, which already has an "
        f"account. Sign in at {request.build_absolute_uri(reverse('accounts:login'))}, or reset "
        f"your password at {request.build_absolute_uri(reverse('accounts:password_reset'))}.\n",
        email,
    )


def verification_resend(*, email: str, request) -> None:
    """Send a new confirmation link if `email` names an account never confirmed (within limits).

    The caller answers the same whatever happens here, so nothing reveals an address.
    """
    if not confirmation_resend_allowed(request=request, email=email):
        return
    user = (
        get_user_model()
        .objects.filter(email__iexact=email.strip(), is_active=False, last_login__isnull=True)
        .order_by("pk")
        .first()
    )
    if user is not None:
        verification_email_send(user=user, request=request)


def verification_confirm(token: str):
    """Activate the account a valid, unexpired link names; None if the link is bad or old."""
    try:
        data = signing.loads(
            token, salt=VERIFY_SALT, max_age=settings.ACCOUNT_VERIFICATION_MAX_AGE
        )
    except signing.BadSignature:
        return None
    user = get_user_model().objects.filter(pk=data.get("user"), email=data.get("email")).first()
    if user is None:
        return None
    if not user.is_active and user.last_login is not None:
        return None  # deactivated by staff after signing in: an old link must not revive it
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user
