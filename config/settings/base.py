"""Settings shared by every environment, safe for production; dev and test relax them.

Every environment variable the platform reads is read here, and only here.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

from .cache import shared_cache
from .search import search_backends

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / ".var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable; accepts 1/0, true/false, yes/no, on/off."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated environment variable into a list of non-empty items."""
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Capabilities beyond the core content. Each is a self-contained app that brings its own
# models, URLs, admin menus and hooks; a deployment may leave any of them out.
OPTIONAL_APPS = ["curricula", "search", "review_workflow", "mailing", "training_events", "impact"]
DISABLED_APPS = env_list("DISABLED_APPS", [])
# search, events and impact build on the catalog, so leaving out curricula leaves them out too.
if "curricula" in DISABLED_APPS:
    DISABLED_APPS.extend(
        app for app in ["search", "training_events", "impact"] if app not in DISABLED_APPS
    )
_unknown_disabled = set(DISABLED_APPS) - set(OPTIONAL_APPS)
if _unknown_disabled:
    raise ImproperlyConfigured(
        f"DISABLED_APPS names apps that are not optional: {sorted(_unknown_disabled)}"
    )

INSTALLED_APPS = [
    # First: a test database restored from its serialized copy loads rows in this order, and
    # Wagtail's Task.__init__ looks up its content type while a row is being loaded.
    "django.contrib.contenttypes",
    "pages",
    "accounts",
    "security",  # before wagtail.admin: its templates replace some of Wagtail's
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.users_config.UsersAppConfig",  # wagtail.users, with limits on granting roles
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    # wagtail-modeladmin's list filters use Django admin's filter classes; its URLs are not served.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Last, so their ready() runs after Wagtail's (search adjusts Wagtail's index signals).
    *[app for app in OPTIONAL_APPS if app not in DISABLED_APPS],
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML and JSON; see "HTTP caching and compression" in the README about BREACH.
    "django.middleware.gzip.GZipMiddleware",
    # Answers 304 to a conditional GET whose ETag or Last-Modified still matches.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "security.middleware.IdleSessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "config.middleware.PublicCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
# Connections are kept open between requests (seconds; 0 closes them after each request) and
# checked before reuse, so a database restart costs one failed check, not an error page.
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "600"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes. A 64 MB page cache and
    # memory-mapped reads keep a national catalog's search tables in memory between queries
    # (SQLite's default cache is 2 MB).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
            "PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # the Django 6 default, adopted now

# One backend for every door: email or user name, behind the sign-in limits (accounts/limits.py).
AUTHENTICATION_BACKENDS = ["accounts.backends.EmailBackend"]
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.forms.AdminPasswordResetForm"  # noqa: S105
# Proxies in front of the site that append to X-Forwarded-For; 0 uses REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/portal/"
ACCOUNT_VERIFICATION_MAX_AGE = 3 * 24 * 60 * 60
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

# The state every process must agree on (the content version, sign-in and form limits,
# the scheduler's claims on each run): a file cache shared by the processes of one host by
# default; Redis when CACHE_URL (or REDIS_URL) names one, shared by every host.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
CACHE_TIMEOUT = float(os.environ.get("CACHE_TIMEOUT", "2"))
CACHES = {
    "default": shared_cache(url=CACHE_URL, directory=VAR_DIR / "cache", timeout=CACHE_TIMEOUT)
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
# The front-end build (USWDS from npm) writes here; see package.json.
STATICFILES_DIRS = [BASE_DIR / "assets"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Submission materials: never under MEDIA_ROOT, never served by URL.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
SUBMISSION_FILE_MAX_BYTES = int(os.environ.get("SUBMISSION_FILE_MAX_MB", "100")) * 1024 * 1024
SUBMISSION_TOTAL_MAX_BYTES = int(os.environ.get("SUBMISSION_TOTAL_MAX_MB", "1024")) * 1024 * 1024
# An Office file is a zip: refused if it would inflate past this size, or by more than this ratio.
SUBMISSION_OFFICE_MAX_UNPACKED_BYTES = (
    int(os.environ.get("SUBMISSION_OFFICE_MAX_UNPACKED_MB", "500")) * 1024 * 1024
)
SUBMISSION_OFFICE_MAX_RATIO = int(os.environ.get("SUBMISSION_OFFICE_MAX_RATIO", "100"))
# Expert review
REVIEW_MIN_REVIEWERS = int(os.environ.get("REVIEW_MIN_REVIEWERS", "2"))
REVIEW_DUE_DAYS = int(os.environ.get("REVIEW_DUE_DAYS", "21"))
REVIEW_REMINDER_DAYS_BEFORE = int(os.environ.get("REVIEW_REMINDER_DAYS_BEFORE", "3"))
# When on, a decision drafted by one coordinator is issued only once a second one signs it off.
REVIEW_DECISION_SIGN_OFF = os.environ.get("REVIEW_DECISION_SIGN_OFF", "0") == "1"
APPROVAL_VALID_YEARS = int(os.environ.get("APPROVAL_VALID_YEARS", "3"))
APPROVAL_EXPIRY_WARNING_DAYS = (90, 30)
# Days a provider has to appeal a decision (not approved, suspended, revoked), and the days an
# appeal panel has for its findings unless the coordinator gives another date.
APPEAL_WINDOW_DAYS = int(os.environ.get("APPEAL_WINDOW_DAYS", "30"))
APPEAL_REVIEW_DUE_DAYS = int(os.environ.get("APPEAL_REVIEW_DUE_DAYS", "14"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    vars().update(dj_email_url.parse(EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "De-escalation Training Review <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAILING_CONFIRM_MAX_AGE = 7 * 24 * 60 * 60
MAILING_FROM_EMAIL = os.environ.get("MAILING_FROM_EMAIL") or DEFAULT_FROM_EMAIL
MAILING_REPLY_TO = os.environ.get("MAILING_REPLY_TO", "")
MAILING_BATCH_SIZE = int(os.environ.get("MAILING_BATCH_SIZE", "200"))
MAILING_RATE_PER_SECOND = float(os.environ.get("MAILING_RATE_PER_SECOND", "0"))  # 0: no limit
# SMTP connections a sending worker keeps open at once.
MAILING_SMTP_CONNECTIONS = int(os.environ.get("MAILING_SMTP_CONNECTIONS", "3"))
# A send with no progress for this long has lost its worker; `announcements_resume` takes it up.
MAILING_STALLED_AFTER = float(os.environ.get("MAILING_STALLED_AFTER", "300"))
# Shared secret the mail provider sends with bounce and complaint events; empty refuses all.
MAILING_WEBHOOK_SECRET = os.environ.get("MAILING_WEBHOOK_SECRET", "")

TASKS_BACKEND = os.environ.get("TASKS_BACKEND") or "database"
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {sorted(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}"
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}

# The database backend is the embedded default; OpenSearch or Elasticsearch at scale.
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND") or "database"
SEARCH_URL = os.environ.get("SEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX") or "ledta_"
SEARCH_TIMEOUT = int(os.environ.get("SEARCH_TIMEOUT", "5"))
# With a cluster: "database" answers searches from a database index kept beside it while the
# cluster is down; "none" answers them with a 503 "search is unavailable" page instead.
SEARCH_FALLBACK = os.environ.get("SEARCH_FALLBACK") or "database"
SEARCH_INDEX_REPLICAS = os.environ.get("SEARCH_INDEX_REPLICAS", "")
WAGTAILSEARCH_BACKENDS = search_backends(
    kind=SEARCH_BACKEND,
    url=SEARCH_URL,
    index_prefix=SEARCH_INDEX_PREFIX,
    timeout=SEARCH_TIMEOUT,
    fallback=SEARCH_FALLBACK,
    replicas=int(SEARCH_INDEX_REPLICAS) if SEARCH_INDEX_REPLICAS else None,
)

WAGTAIL_SITE_NAME = "De-escalation Training Review"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# Anonymous GETs of public pages: how long browsers and shared caches (a CDN, a reverse proxy)
# may keep them, in seconds. Publishing changes their ETag at once (see config/middleware.py).
HTTP_CACHE_MAX_AGE = int(os.environ.get("HTTP_CACHE_MAX_AGE", "60"))
HTTP_CACHE_PATHS = ["/", "/catalog/", "/resources/", "/news/", "/about/", "/api/v2/"]

SESSION_COOKIE_HTTPONLY = True
# Signed out after this many minutes without a request: staff (anyone with admin access) and
# everyone else (providers, who fill in long forms, each step saved as a draft).
SESSION_IDLE_TIMEOUT_STAFF = int(os.environ.get("SESSION_IDLE_MINUTES_STAFF", "30")) * 60
SESSION_IDLE_TIMEOUT_PROVIDERS = int(os.environ.get("SESSION_IDLE_MINUTES_PROVIDERS", "60")) * 60
# No session outlives a working day, idle or not.
SESSION_COOKIE_AGE = 12 * 60 * 60

# Scripts only from our own origin, on the public site and in the admin alike; Wagtail's
# admin still sets style attributes, hence 'unsafe-inline' for styles only.
CSP_FRAME_SRC = env_list(
    "CSP_FRAME_SRC",
    ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
)
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src " + " ".join(["'self'", *CSP_FRAME_SRC]),
        "frame-ancestors 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
# Responses under these paths (and every response to a signed-in person) are never stored.
PRIVATE_PATH_PREFIXES = ["/admin/", "/accounts/", "/portal/"]
# No avatars fetched from a third party (and none allowed by the policy above).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    # On the handler too: db_worker sets its loggers' levels itself (INFO at verbosity 1).
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "level": LOG_LEVEL}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Its job bookkeeping; pages.scheduler logs each enqueue.
        "apscheduler": {"level": "WARNING"},
    },
}
