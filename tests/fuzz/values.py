"""Hostile values for query strings and form fields, and the hypothesis settings of the layer."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

HUGE_TEXT = "x" * 100_000

HOSTILE = [
    "",
    " ",
    "\t",
    "\r\n",
    '"',
    "'",
    '"unterminated',
    "\x00",
    "a\x00b",
    "%00",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "9999999999999999999",
    "99999999999999999999",
    "-99999999999999999999",
    "9" * 5000,
    HUGE_TEXT,
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "{{ 7*7 }}",
    "%s%n",
    "*",
    "NOT AND OR",
    "(",
    "Ω≈ç√ 你好 مرحبا",
    "\u202eevil",
    "🚓💥",
    "null",
    "[]",
    "true",
    "2026-13-45",
    "http://evil.example/",
]

# Lone surrogates cannot be sent as UTF-8 by any browser or by the test client.
_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
_number = st.integers(min_value=-(2**80), max_value=2**80).map(str)
value = st.one_of(st.sampled_from(HOSTILE), _text, _number)
# A parameter sent once, or repeated (?topic=a&topic=b), as a browser may send it.
parameter = st.one_of(value, st.lists(value, min_size=2, max_size=3))


def field_values(good: dict) -> st.SearchStrategy:
    """Every field of a form, each either its well-formed value or a hostile one."""
    return st.fixed_dictionaries(
        {name: st.one_of(st.just(default), parameter) for name, default in good.items()}
    )


def fuzz_settings(max_examples: int) -> settings:
    """Repeatable runs (the same examples every time, for CI) with no per-example deadline."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
