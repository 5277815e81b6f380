"""The action server's answers are checked against Rasa's schema at a fraction of the cost.

Rasa 3.6 validates every action-server response with `jsonschema.validate(result, schema)`.
That first checks the constant schema against the 2020-12 meta-schema, and then, for every
returned event, tries all 25 event schemas of a `oneOf`. Here the schema is checked once, and an
event is tried only against the schemas whose `event` constant matches its type (plus any
without one): the others cannot match, since the item schema requires `event` to be a string.
The verdict is therefore the same as jsonschema's; a response that fails the quick check is
validated again in full, so the error raised is jsonschema's own, with Rasa's message added.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from bot.runtime.patching import patch_once

RASA_HINT = (". Failed to validate Action server response from API, make sure your response "
             "from the Action endpoint is valid. For more information about the format visit "
             "{docs}/custom-actions")


def event_constant(schema: dict[str, Any]) -> str | None:
    """The `event` value a one-of branch requires, if it names one."""
    event = schema.get("properties", {}).get("event", {})
    return event.get("const") if isinstance(event, dict) else None


def quick_check(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """A test equal to `is_valid` for Rasa's action-response schema, trying fewer branches."""
    from jsonschema import validators

    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    outer = copy.deepcopy(schema)
    item = outer["properties"]["events"]["items"]
    branches = item.pop("oneOf")
    outer_validator = validator_class(outer)
    by_event: dict[str, list[Any]] = defaultdict(list)
    any_event: list[Any] = []
    for branch in branches:
        constant = event_constant(branch)
        target = any_event if constant is None else by_event[constant]
        target.append(validator_class(branch))

    def is_valid(result: Any) -> bool:
        if not outer_validator.is_valid(result):
            return False
        for event in result.get("events") or []:
            candidates = by_event.get(event["event"], []) + any_event
            if sum(1 for branch in candidates if branch.is_valid(event)) != 1:
                return False
        return True

    return is_valid


def install() -> None:
    """Check RemoteAction's responses with `quick_check` (idempotent)."""
    from jsonschema import ValidationError, validators
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    schema = RemoteAction.action_response_format_spec()
    full_validator = validators.validator_for(schema)(schema)
    is_valid = quick_check(schema)

    def validate_action_result(self: Any, result: dict[str, Any]) -> bool:
        if is_valid(result):
            return True
        try:
            full_validator.validate(result)
        except ValidationError as error:  # the same message Rasa adds
            error.message += RASA_HINT.format(docs=DOCS_BASE_URL)
            raise
        return True

    patch_once(RemoteAction, "_validate_action_result", validate_action_result)
