"""Create, update and publish many pages of one type under one parent, in a few queries.

What Wagtail does page by page (a tree insert, a revision, a publication, signals that enqueue
search and reference-index work) is done here in batches: tree paths are computed from the
parent's last child, rows go in with bulk inserts, every written page gets one revision and one
publication log entry, and no page signal is sent. The caller schedules index upkeep once, for
the returned page ids. A row whose values equal the live page's is left alone.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import (
    get_all_child_m2m_relations,
    get_all_child_relations,
    get_serializable_data_for_fields,
)
from wagtail.models import Page, PageLogEntry, Revision

from .caching import content_changed

BATCH_SIZE = 500

Progress = Callable[[int, int], None]  # (rows done, rows in all)


@dataclass
class BulkResult:
    """What a bulk write did: ids of the pages created and updated, and rows left unchanged."""

    created_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    unchanged: int = 0

    @property
    def written_ids(self) -> list[int]:
        return self.created_ids + self.updated_ids


def pages_bulk_publish(
    *,
    model: type[Page],
    parent: Page,
    rows: Sequence[tuple[str, Mapping[str, Any]]],
    key_field: str = "external_id",
    progress: Progress | None = None,
) -> BulkResult:
    """Create or update (matched on `key_field`) and publish a page per row, in batches."""
    result = BulkResult()
    done = 0
    with transaction.atomic():
        parent = Page.objects.select_for_update().get(pk=parent.pk)
        writer = _Writer(model=model, parent=parent, key_field=key_field)
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            writer.write(batch, result)
            done += len(batch)
            if progress:
                progress(done, len(rows))
        writer.finish(result)
    return result


def page_values_differ(
    page: Page, data: Mapping[str, Any], relation_ids: Mapping[str, set] | None = None
) -> bool:
    """Whether `data` would change the values of `page` (relations compared by id).

    `relation_ids` gives the current ids of each relation, when they were loaded in bulk.
    """
    for name, value in data.items():
        model_field = page._meta.get_field(name)
        if isinstance(model_field, ParentalManyToManyField):
            if relation_ids is not None:
                current = relation_ids[name]
            else:
                current = {term.pk for term in getattr(page, name).all()}
            if current != {term.pk for term in value}:
                return True
        elif isinstance(model_field, models.ForeignKey):
            if getattr(page, model_field.attname) != (value.pk if value else None):
                return True
        elif getattr(page, name) != value:
            return True
    return False


def _relation_names(model: type[Page]) -> list[str]:
    return [
        model_field.name
        for model_field in model._meta.get_fields()
        if isinstance(model_field, ParentalManyToManyField)
    ]


class _Writer:
    def __init__(self, *, model: type[Page], parent: Page, key_field: str):
        self.model = model
        self.parent = parent
        self.key_field = key_field
        self.relations = _relation_names(model)
        self.content_type = ContentType.objects.get_for_model(model)
        self.page_type = ContentType.objects.get_for_model(Page)
        self.now = timezone.now()
        self.taken_slugs = set(parent.get_children().values_list("slug", flat=True))
        last_child = parent.get_last_child()
        self.next_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
        self.created_count = 0

    def write(self, batch: Sequence[tuple[str, Mapping[str, Any]]], result: BulkResult) -> None:
        existing = self._existing([key for key, _ in batch])
        current = self._current_relation_ids([page.pk for page in existing.values()])
        new_pages, changed_pages = [], []
        for key, data in batch:
            page = existing.get(key)
            if page is None:
                new_pages.append(self._new_page(key, data))
            elif page.has_unpublished_changes or page_values_differ(
                page, data, {name: ids.get(page.pk, set()) for name, ids in current.items()}
            ):
                changed_pages.append(self._apply(page, data))
            else:
                result.unchanged += 1
        if new_pages:
            self._insert(new_pages)
            result.created_ids += [page.pk for page in new_pages]
        if changed_pages:
            self._update(changed_pages)
            result.updated_ids += [page.pk for page in changed_pages]
        written = new_pages + changed_pages
        if written:
            self._write_relations(written, replace=bool(changed_pages))
            self._publish(written)

    def finish(self, result: BulkResult) -> None:
        if result.written_ids:
            content_changed()
        if self.created_count:
            Page.objects.filter(pk=self.parent.pk).update(
                numchild=models.F("numchild") + self.created_count
            )

    def _existing(self, keys: list[str]) -> dict[str, Page]:
        pages = self.model.objects.filter(**{f"{self.key_field}__in": keys})
        return {getattr(page, self.key_field): page for page in pages}

    def _current_relation_ids(self, page_ids: list[int]) -> dict[str, dict[int, set]]:
        """For each relation, the ids of the terms each page has now (read from its table)."""
        current = {}
        for name in self.relations:
            through = self.model._meta.get_field(name).remote_field.through
            source, target = _through_columns(through, self.model)
            ids: dict[int, set] = {}
            pairs = through.objects.filter(**{f"{source}__in": page_ids}).values_list(
                source, target
            )
            for page_id, term_id in pairs:
                ids.setdefault(page_id, set()).add(term_id)
            current[name] = ids
        return current

    def _apply(self, page: Page, data: Mapping[str, Any]) -> Page:
        for name, value in data.items():
            setattr(page, name, value)  # relations are set in memory, written below
        page.draft_title = page.title
        return page

    def _new_page(self, key: str, data: Mapping[str, Any]) -> Page:
        page = self.model(**{self.key_field: key})
        page._bulk_new = True
        self._apply(page, data)
        page.slug = self._free_slug(page.title, key)
        page.depth = self.parent.depth + 1
        page.path = Page._get_path(self.parent.path, page.depth, self.next_step)
        self.next_step += 1
        page.numchild = 0
        page.url_path = f"{self.parent.url_path}{page.slug}/"
        page.locale_id = self.parent.locale_id
        page.content_type = self.content_type
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = self.now
        return page

    def _free_slug(self, title: str, key: str) -> str:
        base = slugify(title)[:70] or slugify(key)[:70] or "item"
        slug, n = base, 2
        while slug in self.taken_slugs:
            slug, n = f"{base}-{n}", n + 1
        self.taken_slugs.add(slug)
        return slug

    def _insert(self, pages: list[Page]) -> None:
        # Django's bulk_create refuses multi-table inheritance, so the two tables are filled
        # one after the other: the page rows first (for their ids), then the specific rows.
        base_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
        bases = Page.objects.bulk_create(
            [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages]
        )
        for page, base in zip(pages, bases, strict=True):
            page.pk = page.page_ptr_id = base.pk
            page._state.adding = False
        _rows_insert(self.model, pages)
        self.created_count += len(pages)

    def _update(self, pages: list[Page]) -> None:
        names = [
            f.name
            for f in self.model._meta.concrete_fields
            if f.model is not Page and not f.primary_key and f.name != self.key_field
        ]
        _rows_update(self.model, pages, names)
        _rows_update(Page, pages, ["title", "draft_title"])

    def _write_relations(self, pages: Iterable[Page], *, replace: bool) -> None:
        page_ids = [page.pk for page in pages]
        for name in self.relations:
            through = self.model._meta.get_field(name).remote_field.through
            source, target = _through_columns(through, self.model)
            if replace:
                through.objects.filter(**{f"{source}__in": page_ids}).delete()
            through.objects.bulk_create(
                [
                    through(**{source: page.pk, target: term.pk})
                    for page in pages
                    for term in getattr(page, name).all()
                ]
            )

    def _publish(self, pages: list[Page]) -> None:
        revisions = Revision.objects.bulk_create(
            [
                Revision(
                    content_type=self.content_type,
                    base_content_type=self.page_type,
                    object_id=str(page.pk),
                    created_at=self.now,
                    object_str=page.title,
                    content=_revision_content(page),
                )
                for page in pages
            ]
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = page.live_revision = revision
            page.latest_revision_created_at = page.last_published_at = self.now
            page.has_unpublished_changes = False
            page.first_published_at = page.first_published_at or self.now
        _rows_update(
            Page,
            pages,
            [
                "latest_revision",
                "live_revision",
                "latest_revision_created_at",
                "last_published_at",
                "first_published_at",
                "has_unpublished_changes",
            ],
        )
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                content_type=self.content_type,
                label=page.title,
                action="wagtail.publish",
                timestamp=self.now,
                data={},
                page_id=page.pk,
                revision=revision,
                content_changed=True,
            )
            for page, revision in zip(pages, revisions, strict=True)
        )


def _through_columns(through, model) -> tuple[str, str]:
    """The attribute names of a relation table's two keys: (to the page, to the term)."""
    source = target = None
    for through_field in through._meta.concrete_fields:
        if not isinstance(through_field, models.ForeignKey):
            continue
        if issubclass(model, through_field.related_model):
            source = through_field.attname
        else:
            target = through_field.attname
    return source, target


def _revision_content(page: Page) -> dict:
    """What `serializable_data()` gives, without querying the child relations of a new page."""
    if not getattr(page, "_bulk_new", False):
        return page.serializable_data()
    content = get_serializable_data_for_fields(page)
    for relation in get_all_child_relations(page):
        content[relation.get_accessor_name()] = []
    for m2m_field in get_all_child_m2m_relations(page):
        if m2m_field.serialize:
            content[m2m_field.name] = [term.pk for term in getattr(page, m2m_field.name).all()]
    return content


# Django's bulk_update builds a CASE expression per field and row, which costs more than the
# writes themselves at this size; one prepared statement run for every row is much cheaper.
def _rows_update(model: type[models.Model], pages: list[Page], names: list[str]) -> None:
    """UPDATE the named columns of `model`'s own table for every page, as one prepared statement."""
    table_fields = [model._meta.get_field(name) for name in names]
    key = model._meta.pk
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in table_fields)
    table = quote(model._meta.db_table)
    sql = f"UPDATE {table} SET {assignments} WHERE {quote(key.column)} = %s"  # noqa: S608 (names from the model)
    params = [[*(_db_value(f, page) for f in table_fields), page.pk] for page in pages]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _rows_insert(model: type[models.Model], pages: list[Page]) -> None:
    """INSERT the rows of `model`'s own table (below `Page`) for pages that have their ids."""
    table_fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in table_fields)
    placeholders = ", ".join(["%s"] * len(table_fields))
    table = quote(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 (names from the model)
    params = [[_db_value(f, page) for f in table_fields] for page in pages]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _db_value(model_field: models.Field, page: Page):
    return model_field.get_db_prep_save(getattr(page, model_field.attname), connection)
