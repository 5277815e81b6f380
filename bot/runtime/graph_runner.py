"""Rasa's prediction graphs run in a fixed order, without building a dask graph each time.

Rasa 3.6 runs every parse and every action prediction through `DaskGraphRunner.run`: it
computes the minimal schema for the targets, builds a dask graph, orders it and runs it with
dask's synchronous scheduler. The graphs are small and fixed, so that bookkeeping cost about 8 %
of a turn's CPU. Here the order is computed once per set of targets and inputs, and each node
gets exactly what dask gave it: the `(node name, output)` of each parent, an input as
`(input name, value)`, and the bare name for a key that nothing provides.
"""

from __future__ import annotations

from typing import Any

from bot.runtime.patching import patch_once


def execution_order(needs: dict[str, list[str]], targets: list[str],
                    provided: frozenset[str]) -> list[str]:
    """The nodes the targets depend on, each after all of its parents (inputs are not run)."""
    order: list[str] = []
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in done or name in provided or name not in needs:
            return
        if name in path:
            raise ValueError(f"cycle in the graph at {name!r}")
        for parent in needs[name]:
            visit(parent, (*path, name))
        done.add(name)
        order.append(name)

    for target in targets:
        visit(target, ())
    return order


def run_in_order(self: Any, inputs: dict[str, Any] | None = None,
                 targets: list[str] | None = None) -> dict[str, Any]:
    """`DaskGraphRunner.run` with the same inputs, outputs and errors, without dask."""
    from rasa.engine.exceptions import GraphRunError

    inputs = inputs or {}
    run_targets = targets if targets else self._graph_schema.target_names
    nodes = self._instantiated_nodes
    for value in inputs.values():
        if isinstance(value, str) and value in nodes:
            raise GraphRunError(
                f"Input value '{value}' clashes with a node name. Make sure that none of the "
                f"input names passed to the `run` method are the same as node names in the "
                f"graph schema.")
    plan_key = (tuple(run_targets), frozenset(inputs))
    plans = self.__dict__.setdefault("_plans", {})
    plan = plans.get(plan_key)
    if plan is None:
        needs = {name: list(node.needs.values())
                 for name, node in self._graph_schema.nodes.items()}
        order = execution_order(needs, list(run_targets), frozenset(inputs))
        plan = plans[plan_key] = [(name, needs[name]) for name in order]
    results: dict[str, Any] = {name: (name, value) for name, value in inputs.items()}
    try:
        for name, parents in plan:
            results[name] = nodes[name](*[results.get(parent, parent) for parent in parents])
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error
    return dict(results[target] for target in run_targets)


def install() -> None:
    """Run Rasa's graphs with `run_in_order` (idempotent)."""
    from rasa.engine.runner.dask import DaskGraphRunner

    patch_once(DaskGraphRunner, "run", run_in_order)
