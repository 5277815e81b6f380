"""A failed message is logged without its text and without the traceback's local variables.

When handling a message fails, Rasa 3.6's REST channel logs the message text, and with JSON
logging (a service without a terminal) the traceback with every frame's local variables, the
sender id among them: a message text tied to an identifier, which the bot must never log. The
channel's logger is wrapped so that those lines keep the event, the exception types and where
they were raised (file, line, function), and lose the text and the values.
"""

from __future__ import annotations

import sys
import traceback
from typing import Any

TEXT_FIELDS = ("text", "user_text")


def exception_chain(error: BaseException | None) -> list[str]:
    """The exception and its causes as `Type at file:line in function`, no messages or values."""
    found = []
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        frames = traceback.extract_tb(error.__traceback__)
        where = ""
        if frames:
            where = f" at {frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name}"
        found.append(type(error).__name__ + where)
        error = error.__cause__ or error.__context__
    return found


class WithoutMessageTexts:
    """A structlog logger whose error lines drop message texts and exception values."""

    def __init__(self, logger: Any) -> None:
        self._logger = logger

    def __getattr__(self, name: str) -> Any:
        return getattr(self._logger, name)

    def error(self, event: str, **fields: Any) -> Any:
        """Log `event` without the text fields."""
        for name in TEXT_FIELDS:
            fields.pop(name, None)
        return self._logger.error(event, **fields)

    def exception(self, event: str, **fields: Any) -> Any:
        """Log `event` at error level with the exception chain instead of a full traceback."""
        fields["exceptions"] = exception_chain(sys.exc_info()[1])
        return self.error(event, **fields)


def install() -> None:
    """Wrap the REST channel's logger (idempotent)."""
    from rasa.core.channels import rest

    if not isinstance(rest.structlogger, WithoutMessageTexts):
        rest.structlogger = WithoutMessageTexts(rest.structlogger)
