"""The public Python API: what ``import kerjasama_cli`` promises in ``__all__`` is there."""

from __future__ import annotations

import pytest

import kerjasama_cli
from conftest import BUNDLED


@pytest.mark.parametrize("name", kerjasama_cli.__all__)
def test_every_public_name_can_be_imported(name: str) -> None:
    assert getattr(kerjasama_cli, name) is not None


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = kerjasama_cli.no_such_name


def test_the_readme_example_finds_flood_partnerships() -> None:
    data = kerjasama_cli.load_dataset(BUNDLED)
    resolver = kerjasama_cli.Resolver(data)
    query = kerjasama_cli.Query(sector=frozenset({resolver.resolve("sector", "flood")}))
    found = kerjasama_cli.filter_partnerships(data.partnerships, query)
    assert found
    assert all("banjir" in p.sectors for p in found)
    groups = kerjasama_cli.summarize(found, "sector").groups
    assert {g.key: g.count for g in groups}["banjir"] == len(found)
