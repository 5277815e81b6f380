"""The memoization policy skips its lookup when the conversation is longer than any story.

MemoizationPolicy (max_history unbounded) looks up the whole conversation's states as one key:
it renders every state as JSON, compresses it and encodes it, twice a turn, and the cost grows
with the conversation. A key has one `{` per state, so a conversation with more states than any
key has `{` characters cannot match one: for it the lookup is skipped and nothing is found, as
before. The bound is computed once per lookup table.
"""

from __future__ import annotations

import base64
import zlib
from typing import Any

from bot.runtime.patching import original, patch_once


def most_states(lookup: dict[str, Any], compressed: bool) -> int:
    """An upper bound on the number of states in any key of `lookup`."""
    most = 0
    for key in lookup:
        text = zlib.decompress(base64.b64decode(key)).decode() if compressed else key
        most = max(most, text.count("{"))
    return most


def recall_states(self: Any, states: list[dict[str, Any]]) -> Any:
    """`MemoizationPolicy._recall_states`, without building a key that cannot be found."""
    from rasa.core.policies.memoization import MemoizationPolicy

    recall = original(MemoizationPolicy, "_recall_states")
    if type(self)._create_feature_key is not MemoizationPolicy._create_feature_key:
        return recall(self, states)  # a subclass makes its keys otherwise
    bound = self.__dict__.get("_most_states")
    if bound is None or bound[0] is not self.lookup:
        compressed = bool(self.config.get("enable_feature_string_compression"))
        bound = self.__dict__["_most_states"] = (self.lookup,
                                                 most_states(self.lookup, compressed))
    if len(states) > bound[1]:
        return None
    return recall(self, states)


def install() -> None:
    """Replace MemoizationPolicy._recall_states (idempotent)."""
    from rasa.core.policies.memoization import MemoizationPolicy

    patch_once(MemoizationPolicy, "_recall_states", recall_states)
