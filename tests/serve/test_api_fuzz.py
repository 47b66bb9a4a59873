"""Schemathesis against the app's own OpenAPI schema: generated requests to every operation (pages
and twins), with valid and with invalid values. No response is a 500, every response matches its
documented schema, and invalid input is refused with a 4xx.

(Schemathesis' pytest plugin does not run under this pytest, so its strategies are driven here
through hypothesis directly.)
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from frontwire.serve import create_app

EXAMPLES = 40  # generated cases per operation and mode
OPERATIONS = [result.ok().label for result in schemathesis.openapi.from_asgi("/openapi.json", create_app("unused.db")).get_all_operations()]


@pytest.fixture(scope="module")
def api_schema(web_db):
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(web_db))


def operation(schema, label: str):
    return next(r.ok() for r in schema.get_all_operations() if r.ok().label == label)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
@pytest.mark.parametrize("label", OPERATIONS)
def test_no_operation_fails_or_breaks_its_schema(api_schema, label, mode):
    found = operation(api_schema, label)
    seen: list[int] = []

    @given(case=found.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        response = case.call()
        seen.append(response.status_code)
        assert response.status_code < 500, f"{case.path} {case.path_parameters} {case.query}: {response.text[:300]}"
        assert response.status_code in (200, 404, 422), response.status_code
        if response.status_code == 200 or "application/json" in "".join(response.headers.get("content-type", [])):
            case.validate_response(response, excluded_checks=[schemathesis.checks.positive_data_acceptance,
                                                               schemathesis.checks.negative_data_rejection])  # fmt: skip

    check()
    assert seen, "no case was generated"
    if mode is GenerationMode.NEGATIVE and "{" not in label:
        assert 422 in seen, "invalid values were never refused"
