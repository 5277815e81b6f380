"""A button's payload is read without running the NLU pipeline whose result it replaces.

A button sends its payload (`/intent{"entity": "value"}`) as the message. Rasa 3.6 still runs
the whole NLU graph on it (spaCy, DIET, the ensemble: most of a turn's CPU), and then its last
node, RegexMessageHandler, replaces the message with a new one that holds only the payload's
text, intent, ranking and entities. So for a payload that the handler unpacks (a known intent),
the parse depends on nothing else: it is made here the same way, without the pipeline. Any
other text, and a payload the handler would leave alone, goes through the graph as before.
Every audit answer and every quick-reply is a payload.
"""

from __future__ import annotations

from typing import Any

from bot.runtime.patching import patch_once

PAYLOAD_PREFIX = "/"
HANDLER_NAME = "RegexMessageHandler"  # the extractor name the handler gives entities


def unpacked_payload(text: Any, domain: Any) -> Any:
    """RegexMessageHandler's result for `text` when it replaces the message, else None."""
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.message import Message

    if not isinstance(text, str) or not text.strip().startswith(PAYLOAD_PREFIX):
        return None
    message = Message(data={TEXT: text})
    unpacked = YAMLStoryReader.unpack_regex_message(message, domain,
                                                    entity_extractor_name=HANDLER_NAME)
    return None if unpacked is message else unpacked


def payloads_first(parse_with_graph: Any) -> Any:
    """Wrap `MessageProcessor._parse_message_with_graph` with the payload shortcut."""
    from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, TEXT
    from rasa.shared.nlu.constants import PREDICTED_CONFIDENCE_KEY as CONFIDENCE

    def parse_message_with_graph(self: Any, message: Any, tracker: Any,
                                 only_output_properties: bool = True) -> dict[str, Any]:
        unpacked = unpacked_payload(message.text, self.domain)
        if unpacked is None:
            return parse_with_graph(self, message, tracker, only_output_properties)
        parse_data = {TEXT: "", INTENT: {INTENT_NAME_KEY: None, CONFIDENCE: 0.0}, ENTITIES: []}
        parse_data.update(unpacked.as_dict(only_output_properties=only_output_properties))
        return parse_data

    return parse_message_with_graph


def install() -> None:
    """Parse unpackable payloads directly (idempotent)."""
    from rasa.core.processor import MessageProcessor

    patch_once(MessageProcessor, "_parse_message_with_graph", payloads_first, wraps=True)
