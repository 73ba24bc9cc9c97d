"""Rebuilding structured output from (json_path, delta) pieces."""

from __future__ import annotations

import pytest

from opper_tracing._assembly import OutputAssembler, parse_json_path


@pytest.mark.parametrize(
    ("path", "segments"),
    [
        ("response", ()),
        ("response.sum", ("sum",)),
        ("response.people[0].name", ("people", 0, "name")),
        ("response.matrix[1][2]", ("matrix", 1, 2)),
        ('response["odd.key"].x', ("odd.key", "x")),
        ("title", ("title",)),
        ("[3]", (3,)),
    ],
)
def test_parse_json_path(path: str, segments: tuple[str | int, ...]) -> None:
    assert parse_json_path(path) == segments


@pytest.mark.parametrize("path", ["response..x", "response[x]", "response[0"])
def test_parse_json_path_rejects_garbage(path: str) -> None:
    with pytest.raises(ValueError, match="json_path"):
        parse_json_path(path)


def test_strings_append_and_scalars_replace() -> None:
    assembler = OutputAssembler()
    for path, delta in [
        ("response.people[0].name", "Jo"),
        ("response.people[0].name", "hn"),
        ("response.people[0].age", 41),
        ("response.people[1].name", "Ann"),
        ("response.people[1].active", True),
        ("response.total", 2.5),
        ("response.tags[0]", "a"),
        ("response.tags[1]", "b"),
        ("response.nested.deep.value", None),
    ]:
        assembler.add(path, delta)
    assert assembler.value == {
        "people": [{"name": "John", "age": 41}, {"name": "Ann", "active": True}],
        "total": 2.5,
        "tags": ["a", "b"],
        "nested": {"deep": {"value": None}},
    }


def test_out_of_order_indexes_pad_with_none() -> None:
    assembler = OutputAssembler()
    assembler.add("response.items[2]", "c")
    assembler.add("response.items[0]", "a")
    assert assembler.value == {"items": ["a", None, "c"]}


def test_root_value_and_top_level_array() -> None:
    scalar = OutputAssembler()
    scalar.add("response", "4")
    scalar.add("response", "2")
    assert scalar.value == "42"
    array = OutputAssembler()
    array.add("response[0].x", 1)
    assert array.value == [{"x": 1}]


def test_snapshot_is_a_copy() -> None:
    assembler = OutputAssembler()
    assembler.add("response.a", "x")
    snap = assembler.snapshot()
    assembler.add("response.a", "y")
    assert snap == {"a": "x"}
    assert assembler.value == {"a": "xy"}


def test_conflicting_shapes_raise() -> None:
    assembler = OutputAssembler()
    assembler.add("response.a", "text")
    with pytest.raises(ValueError, match="non-object"):
        assembler.add("response.a.b", 1)
    with pytest.raises(ValueError, match="non-array"):
        assembler.add("response.a[0]", 1)


def test_many_pieces_of_one_field_join_in_order() -> None:
    assembler = OutputAssembler()
    pieces = [f"{n}," for n in range(20_000)]
    for piece in pieces:
        assembler.add("response.log", piece)
    assert assembler.value == {"log": "".join(pieces)}


def test_replacing_a_container_forgets_paths_resolved_through_it() -> None:
    assembler = OutputAssembler()
    assembler.add("response.a.b", "x")
    assembler.add("response.a", 5)
    with pytest.raises(ValueError, match="non-object"):
        assembler.add("response.a.b", "y")
    assembler.add("response.a", {"fresh": True})
    assembler.add("response.a.b", "z")
    assert assembler.value == {"a": {"fresh": True, "b": "z"}}


def test_reads_are_plain_json_data() -> None:
    assembler = OutputAssembler()
    assembler.add("response.items[0]", "a")
    assembler.add("response.items[0]", "b")
    value = assembler.value
    assert value == {"items": ["ab"]}
    assert type(value["items"][0]) is str
