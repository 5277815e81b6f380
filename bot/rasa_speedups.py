"""`rasa` with the action-response schema checked once instead of on every action call.

Rasa 3.6 validates each action server response with `jsonschema.validate(result, schema)`,
which with jsonschema 4.x first checks the (constant) schema itself against the 2020-12
meta-schema. That check is most of Rasa's CPU time in a turn outside NLU (two action calls a
turn here). `install()` replaces it with one validator built and checked once; the response
is validated exactly as before and an invalid one still raises jsonschema's ValidationError.
Run as `python -m bot.rasa_speedups run ...` (same arguments as `rasa run`), in .venv-rasa.
"""

from __future__ import annotations

import sys
from typing import Any


def install() -> None:
    """Patch Rasa's RemoteAction to reuse one checked validator (idempotent)."""
    from jsonschema import ValidationError, validators
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    if getattr(RemoteAction, "_schema_checked_once", False):
        return
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    def validate_action_result(self: Any, result: dict[str, Any]) -> bool:
        try:
            validator.validate(result)
            return True
        except ValidationError as error:  # the same message Rasa adds
            error.message += (
                ". Failed to validate Action server response from API, make sure your "
                "response from the Action endpoint is valid. For more information about the "
                f"format visit {DOCS_BASE_URL}/custom-actions"
            )
            raise

    RemoteAction._validate_action_result = validate_action_result
    RemoteAction._schema_checked_once = True


def main() -> None:
    """Install the patch, then run Rasa's command line with the given arguments."""
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
