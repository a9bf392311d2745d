"""The catalog's periodic work, enqueued by the scheduler."""

from django_tasks import task

from .services import curricula_expired_unpublish


@task()
def catalog_unpublish_expired() -> int:
    """Unpublish the live entries whose approval ended before today (idempotent)."""
    return curricula_expired_unpublish()
