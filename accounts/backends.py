"""Sign-in by email address or user name, behind the sign-in limits."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from .limits import sign_in_blocked, sign_in_failed, sign_in_succeeded


def _account_key(identifier: str, user) -> str:
    # One key per account, whether it was named by email or by user name.
    return f"user:{user.pk}" if user is not None else f"name:{identifier.lower()}"


class EmailBackend(ModelBackend):
    """Authenticates with an email address (case-insensitive) or a user name, and a password.

    The only backend: every door that calls `authenticate()` passes its limits. A blocked
    account gets the same answer as a wrong password, so a lockout reveals nothing.
    """

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        identifier = (email or username or "").strip()
        if not identifier or password is None:
            return None
        user = self._find(identifier)
        account = _account_key(identifier, user)
        if sign_in_blocked(request=request, account=account):
            get_user_model()().set_password(password)  # spend the same time as a real check
            raise PermissionDenied
        if user is None:
            get_user_model()().set_password(password)
        elif user.check_password(password) and self.user_can_authenticate(user):
            sign_in_succeeded(request=request, account=account)
            return user
        sign_in_failed(request=request, account=account)
        raise PermissionDenied

    def _find(self, identifier: str):
        User = get_user_model()
        user = User.objects.filter(email__iexact=identifier).order_by("pk").first()
        if user is None:
            user = User.objects.filter(**{User.USERNAME_FIELD: identifier}).first()
        return user
