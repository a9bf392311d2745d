"""The published figures are recomputed on the task worker, never in a request."""

from django_tasks import task


@task()
def impact_figures_recompute_task() -> int:
    """Recompute every published figure from the reports (idempotent)."""
    from .figures import impact_figures_recompute

    return impact_figures_recompute()
