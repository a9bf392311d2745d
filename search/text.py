"""Query text as plain words: whatever people type becomes terms every backend accepts.

Operators, quotes and punctuation carry no meaning; a term is a run of letters and digits,
lower-cased and without accents, so "Formación" and "formacion" are the same term.
"""

import re
import unicodedata
from itertools import islice

MAX_TERMS = 12
# The index's longest edge n-gram (OpenSearch) and the longest prefix the database matches.
MAX_TERM_LENGTH = 15
_LONGEST_WORD = 100
_WORD = re.compile(r"[^\W_]+")
# Endings removed from a query word so its other forms match as prefixes
# ("tactics" and "tactical" both become "tactic"); the stem stays a prefix of the word.
_ENDINGS = ("ations", "ation", "ings", "ing", "ally", "al", "ed", "es", "ly", "s")
_MIN_STEM = 4


def fold(text: str) -> str:
    """Lower case without accents, for comparing what people type with what is written."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def query_terms(text: str) -> tuple[str, ...]:
    """The distinct words of a query, folded, at most MAX_TERMS of them."""
    words = (fold(match.group()[:_LONGEST_WORD]) for match in _WORD.finditer(text))
    terms = dict.fromkeys(word for word in words if _WORD.fullmatch(word))
    return tuple(islice(terms, MAX_TERMS))


def term_prefix(term: str) -> str:
    """The prefix a term matches words by: its stem, cut to MAX_TERM_LENGTH."""
    for ending in _ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= _MIN_STEM:
            stem = term[: -len(ending)]
            if not (ending == "s" and stem.endswith("s")):  # "class", "address"
                term = stem
            break
    return term[:MAX_TERM_LENGTH]
