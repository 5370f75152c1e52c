"""HTTP details partners' clients rely on: strong If-Match comparison; links that follow the API's port."""

from __future__ import annotations

import pytest

from oversight_app.errors import ProblemError
from oversight_app.etags import check_if_match
from oversight_db.settings import Settings


def test_a_weak_etag_never_satisfies_if_match() -> None:
    check_if_match('"3"', 3)
    check_if_match('"2", "3"', 3)
    check_if_match("*", 3)
    with pytest.raises(ProblemError) as weak:
        check_if_match('W/"3"', 3)
    assert weak.value.status == 412
    with pytest.raises(ProblemError) as missing:
        check_if_match(None, 3)
    assert missing.value.status == 428


def test_links_in_notices_follow_the_api_port_unless_set() -> None:
    assert Settings(api_port=8123).public_base_url == "http://127.0.0.1:8123"
    assert Settings(api_port=8123, public_base_url="https://oversight.example").public_base_url == (
        "https://oversight.example"
    )
