"""Text matching on the database backend, straight on Wagtail's own full-text index.

Every query term must begin a word of the title, the provider/publisher or the summary; the
score weighs the title above the provider and both above the summary. SQLite uses its FTS5
table with bm25 column weights, PostgreSQL its tsvector columns with ts_rank.
"""

from django.db import connection
from modelsearch.conf import get_app_config
from modelsearch.utils import get_content_type_pk

from .text import fold, term_prefix

# bm25 weights of the FTS5 columns, in table order: autocomplete (provider), body, title.
SQLITE_WEIGHTS = (4.0, 1.0, 10.0)

# The match runs first and once; CROSS JOIN keeps SQLite from scanning the entries instead and
# re-running the match for each of them (seconds instead of milliseconds at 10,000 pages).
_SQLITE_MATCH = """
    SELECT CAST(entry.object_id AS INTEGER) AS pk, text_match.score
    FROM (
        SELECT rowid AS id, -bm25({fts}, %s, %s, %s) AS score FROM {fts} WHERE {fts} MATCH %s
    ) AS text_match
    CROSS JOIN {entries} entry ON entry.id = text_match.id
    WHERE entry.content_type_id = %s
"""
# PostgreSQL keeps accents in its tsvectors: each is folded the way `search.text.fold` folds
# a query, with translate(), which needs no extension. The folded, weighted document is the
# immutable function `search_document`, which a GIN index covers (migration search 0002).
POSTGRES_ACCENTED = "áàâäãåāăąçćčďéèêëēėęěíìîïīįñńňóòôöõōőŕřśšşťúùûüūůűųýÿźžż"
POSTGRES_PLAIN = fold(POSTGRES_ACCENTED)
_POSTGRES_DOCUMENT = "search_document(entry.title, entry.autocomplete, entry.body)"
# The query is written out in the condition itself (not joined in), so the planner can
# answer it from the index.
_POSTGRES_MATCH = f"""
    SELECT CAST(entry.object_id AS INTEGER) AS pk, ts_rank({_POSTGRES_DOCUMENT}, {{query}})
    FROM {{entries}} entry
    WHERE {_POSTGRES_DOCUMENT} @@ ({{query}}) AND entry.content_type_id = %s
"""  # noqa: S608 (constant SQL: the terms travel as parameters)
# A term matches a word's beginning as written, or as the index's own language stemmed it
# ("officers'" is stored as "offic" by the english configuration).
_POSTGRES_TERM = "(to_tsquery('simple', %s) || to_tsquery(COALESCE(%s::regconfig, get_current_ts_config()), %s))"


def _table(model_name: str) -> str:
    return get_app_config().get_model(model_name)._meta.db_table


def _statement(model, terms: tuple[str, ...], config: str | None) -> tuple[str, list]:
    prefixes = [term_prefix(term) for term in terms]
    content_type = get_content_type_pk(model)
    entries = _table("IndexEntry")
    if connection.vendor == "postgresql":
        query = " && ".join([_POSTGRES_TERM] * len(prefixes))
        params = [value for prefix in prefixes for value in (f"{prefix}:*", config, f"{prefix}:*")]
        return _POSTGRES_MATCH.format(entries=entries, query=query), [
            *params,
            *params,
            content_type,
        ]
    # Terms hold only letters and digits, so quoting each one is enough for FTS5.
    match = " AND ".join(f'"{prefix}"*' for prefix in prefixes)
    sql = _SQLITE_MATCH.format(entries=entries, fts=_table("SQLiteFTSIndexEntry"))
    return sql, [
        *SQLITE_WEIGHTS,
        f"{{title body autocomplete}} : ({match})",
        content_type,
    ]


def text_scores(model, terms: tuple[str, ...], config: str | None = None) -> dict[int, float]:
    """Ids of the model's indexed rows matching every term, each with its score.

    `config` is the PostgreSQL text search configuration the index was built with (the
    database's default when None).
    """
    sql, params = _statement(model, terms, config)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())
