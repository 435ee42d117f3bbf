"""What only the whole data set shows: ownership cycles."""
from __future__ import annotations

from collections.abc import Iterator

from ..model.messages import say
from ..model.problems import Problem
from .ids import IdIndex
from .messages import at
from .references import items


def ownership_cycles(index: IdIndex) -> list[Problem]:
    """Each cycle once, at the owner reference that closes it (depth-first search)."""
    entities = index.entities
    problems, state, trail = [], {}, []

    def owners_of(entity_id: str) -> Iterator[tuple[int, str]]:
        for i, owner in enumerate(items(entities[entity_id].data, "owners")):
            if isinstance(owner.get("owner"), str) and owner["owner"] in entities:
                yield i, owner["owner"]

    for start in sorted(entities):
        if start in state:
            continue
        state[start], trail[:] = "open", [start]
        stack = [(start, owners_of(start))]
        while stack:
            node, edges = stack[-1]
            for i, owner in edges:
                if state.get(owner) == "open":
                    cycle = trail[trail.index(owner):] + [owner]
                    problems.append(at(entities[node], ("owners", i, "owner"),
                                       say("graph.cycle", cycle=" → ".join(cycle))))
                elif owner not in state:
                    state[owner] = "open"
                    trail.append(owner)
                    stack.append((owner, owners_of(owner)))
                    break
            else:
                state[node] = "done"
                trail.pop()
                stack.pop()
    return problems
