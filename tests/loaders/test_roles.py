"""The role-word table (data/roles.tsv) and the patterns compiled from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.roles import read_roles, role_words
from loaders.slots import parse_slot_content
from loaders.tables import column_role


def test_table_rejects_unknown_role(tmp_path: Path) -> None:
    table = tmp_path / "roles.tsv"
    table.write_text("word\trole\tuses\n牵头单位\tboss\tlabel\n", encoding="utf-8")
    with pytest.raises(ValueError, match=":2: bad row"):
        read_roles(table)


def test_table_rejects_unknown_use(tmp_path: Path) -> None:
    table = tmp_path / "roles.tsv"
    table.write_text("牵头单位\tlead\theading\n", encoding="utf-8")
    with pytest.raises(ValueError, match=":1: bad row"):
        read_roles(table)


@pytest.mark.parametrize("row", [r for r in role_words().rows if "label" in r.uses], ids=lambda r: r.word)
def test_every_label_gives_its_role(row) -> None:  # type: ignore[no-untyped-def]
    found = parse_slot_content(f"{row.word}：市财政局", 0)
    if row.role == "person":
        assert found == []
    else:
        assert [(a.unit.name, a.role) for a in found] == [("市财政局", row.role)]


@pytest.mark.parametrize("row", [r for r in role_words().rows if "verb" in r.uses], ids=lambda r: r.word)
def test_every_verb_gives_its_role(row) -> None:  # type: ignore[no-untyped-def]
    found = parse_slot_content(f"市财政局{row.word}", 0)
    assert [(a.unit.name, a.role) for a in found] == [("市财政局", row.role)]


@pytest.mark.parametrize("row", [r for r in role_words().rows if "column" in r.uses], ids=lambda r: r.word)
def test_every_column_header_gives_its_role(row) -> None:  # type: ignore[no-untyped-def]
    assert column_role(row.word) == row.role
