"""Every public URL, with hostile values in every query parameter its view reads: never a 5xx."""

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.targets import NOT_FUZZED_HERE, PUBLIC_GET_PARAMETERS, resolver_url_names
from tests.fuzz.values import fuzz_settings, parameter

GET_EXAMPLES = 2800


def test_every_public_url_is_fuzzed_or_excluded_with_a_reason():
    names = resolver_url_names()
    assert names - set(PUBLIC_GET_PARAMETERS) - set(NOT_FUZZED_HERE) == set()


def test_every_page_type_and_public_url_answers_hostile_parameters_without_a_5xx(
    browser, get_targets
):
    assert len(get_targets) > 20

    @fuzz_settings(GET_EXAMPLES)
    @given(data=st.data())
    def fuzz(data):
        target = data.draw(st.sampled_from(get_targets), label="target")
        names = data.draw(
            st.lists(st.sampled_from(target.parameters or ("unexpected",)), max_size=3),
            label="parameters",
        )
        query = {name: data.draw(parameter, label=name) for name in names}
        response = browser.get(target.path, query)
        assert response.status_code < 500, (target.path, query)

    fuzz()
