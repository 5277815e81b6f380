"""The order a graph's nodes run in: parents first, only what the targets need, inputs given.

That the whole model parses and predicts identically is tested in test_model_speedups.py.
"""

import pytest

from bot.runtime.graph_runner import execution_order

NEEDS = {
    "tokens": ["__message__"],
    "vectors": ["tokens", "spacy"],
    "spacy": [],
    "diet": ["vectors", "tokens"],
    "ensemble": ["diet", "vectors"],
    "policy": ["__tracker__", "domain"],
    "domain": [],
}


def test_parents_run_first_and_only_what_the_target_needs():
    order = execution_order(NEEDS, ["ensemble"], frozenset({"__message__"}))
    assert set(order) == {"tokens", "vectors", "spacy", "diet", "ensemble"}
    for node in order:
        assert all(order.index(p) < order.index(node) for p in NEEDS[node] if p in order)


def test_each_node_runs_once_for_several_targets():
    order = execution_order(NEEDS, ["diet", "ensemble", "policy"], frozenset())
    assert len(order) == len(set(order)) == 7


def test_an_input_replaces_the_node_of_the_same_name():
    order = execution_order(NEEDS, ["ensemble"], frozenset({"vectors"}))
    assert "vectors" not in order and "spacy" not in order
    assert order == ["tokens", "diet", "ensemble"]


def test_a_cycle_is_an_error():
    with pytest.raises(ValueError, match="cycle"):
        execution_order({"a": ["b"], "b": ["a"]}, ["a"], frozenset())
