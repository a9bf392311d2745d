"""Bulk import benchmark: `import_catalog curricula` on new rows, then on the unchanged file.

Builds a CSV of N curricula, migrates a fresh SQLite database, creates the home and catalog
pages, then times the command for the new rows and for a re-import of the same file, with the
database task backend (as in production: the import only enqueues the index work). Prints the
rows a second, the revisions and tasks each run added, and the time the one index task takes
when the worker runs it.

    .venv/bin/python bench/import.py              # N = 10,000
    .venv/bin/python bench/import.py --n 2000
"""

import argparse
import io
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADER = (
    "external_id,title,provider,provider_type,summary,audiences,topic_areas,delivery_methods,"
    "duration_hours,cost,states,approval_date,expiry_date,website"
)
TOPICS = ["communication-skills", "de-escalation-tactics-and-techniques", "crisis-intervention-teams-and-co-responder-models"]  # fmt: skip
STATES = ["OH", "KY", "TX", "CA", "NY", "WA", "FL"]


def csv_text(n: int) -> str:
    rows = [
        f"BENCH-{i},Curriculum {i} {TOPICS[i % 3].split('-')[0]},Provider {i % 400},"
        f"private-company,A summary of curriculum {i} and what it teaches.,"
        f"law-enforcement-officers,{TOPICS[i % 3]},in-person,{4 + i % 30},"
        f"{'free' if i % 2 else '$150'},{STATES[i % 7]};{STATES[(i + 3) % 7]},"
        f"2026-01-01,2029-01-01,https://example.org/{i}"
        for i in range(n)
    ]
    return "\n".join([HEADER, *rows]) + "\n"


def configure(workdir: Path) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{workdir / 'import.sqlite3'}",
        TASKS_BACKEND="database",
        DEBUG="0",
        LOG_LEVEL="ERROR",
        VAR_DIR=str(workdir),
    )
    import django

    django.setup()


def counts() -> tuple[int, int]:
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Revision

    return Revision.objects.count(), DBTaskResult.objects.count()


def timed_import(path: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of the command."""
    from django.core.management import call_command

    started, cpu_started = time.perf_counter(), time.process_time()
    call_command("import_catalog", "curricula", str(path), stdout=io.StringIO())
    return time.perf_counter() - started, time.process_time() - cpu_started


def load_average() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()
    workdir = ROOT / ".var" / "bench-import"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    configure(workdir)
    from django.core.management import call_command

    from curricula.models import CatalogPage
    from pages.demo import home_page_get_or_create
    from search.tasks import pages_index_bulk_update

    call_command("migrate", verbosity=0)
    home, _ = home_page_get_or_create()
    home.add_child(instance=CatalogPage(title="Catalog", slug="catalog"))
    path = workdir / "curricula.csv"
    path.write_text(csv_text(args.n), encoding="utf-8")

    print(f"Load average (1, 5, 15 min) at the start: {load_average()} on {os.cpu_count()} cores")
    print(f"{'run':<22}{'rows':>8}{'seconds':>9}{'cpu s':>7}{'rows/s':>9}{'revisions':>11}{'tasks':>7}")  # fmt: skip
    for label in ("new rows", "unchanged re-import"):
        revisions, tasks = counts()
        seconds, cpu = timed_import(path)
        new_revisions, new_tasks = (
            after - before for after, before in zip(counts(), (revisions, tasks), strict=True)
        )
        print(f"{label:<22}{args.n:>8,}{seconds:>9.1f}{cpu:>7.1f}{args.n / seconds:>9.0f}{new_revisions:>11,}{new_tasks:>7}")  # fmt: skip

    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Page

    task_row = DBTaskResult.objects.get(task_path__endswith="pages_index_bulk_update")
    started = time.perf_counter()
    pages_index_bulk_update.call(*task_row.args_kwargs["args"])
    print(f"index task (worker): {time.perf_counter() - started:.1f} s for {args.n:,} pages")
    problems = [problem for problem in Page.find_problems() if problem]
    print(f"tree problems: {len(problems)}")
    print(f"Load average (1, 5, 15 min) at the end: {load_average()}")


if __name__ == "__main__":
    main()
