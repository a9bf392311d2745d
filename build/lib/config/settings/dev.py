"""Local development: the embedded default (SQLite, database search, console email)."""

import os
import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool


def _local_secret_key() -> str:
    """A random key generated on first run and kept under .var/, so none is in the repo."""
    key_file = VAR_DIR / "dev-secret-key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
