"""Production: secrets and hosts come from the environment; refuses to start without them."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

DEBUG = env_bool("DEBUG", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Cookies only over HTTPS. Off only where the site is served over plain HTTP on loopback
# (the local reference topology, `make deploy-local`).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Wagtail's live preview shows the page inside a same-origin iframe in the admin, so frames
# stay allowed from this origin (X_FRAME_OPTIONS = "SAMEORIGIN") rather than denied outright.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
