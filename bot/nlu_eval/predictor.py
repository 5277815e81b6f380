"""Loads a trained Rasa model once and parses messages (Rasa environment only)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from pathlib import Path
from typing import Any


def latest_model(models_dir: Path = Path("models")) -> Path:
    """Newest model archive in `models_dir`, or an error that says how to get one."""
    archives = sorted(models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not archives:
        raise FileNotFoundError(f"no trained model in {models_dir}/ (run `make train`)")
    return archives[-1]


FALLBACK_INTENT = "nlu_fallback"


def _top_intent(result: dict[str, Any]) -> dict[str, Any]:
    """The classifier's best real intent: `nlu_fallback` is a dialogue decision, not a label."""
    intent = result.get("intent") or {}
    if intent.get("name") != FALLBACK_INTENT:
        return intent
    ranked = [r for r in result.get("intent_ranking") or [] if r.get("name") != FALLBACK_INTENT]
    return ranked[0] if ranked else intent


class Predictor:
    """Wraps a Rasa agent; all library chatter goes to stderr, never stdout."""

    def __init__(self, model_path: Path) -> None:
        from rasa.core.agent import Agent  # heavy: import only when a model is used
        from rasa.utils.log_utils import configure_structlog

        with contextlib.redirect_stdout(sys.stderr):
            # Rasa logs every parsed text at debug level; keep message texts out of logs.
            configure_structlog(logging.WARNING)
            self._agent = Agent.load(str(model_path))
        self._loop = asyncio.new_event_loop()

    def parse_raw(self, text: str) -> dict[str, Any]:
        """Rasa's whole parse result (intent, ranking, crisis tier) of one message."""
        with contextlib.redirect_stdout(sys.stderr):
            return self._loop.run_until_complete(self._agent.parse_message(text))

    def parse(self, text: str) -> dict[str, Any]:
        """Intent, confidence and entities of one message, in the CLI's output shape."""
        if not text.strip():
            return {"text": text, "intent": None, "confidence": 0.0, "entities": []}
        with contextlib.redirect_stdout(sys.stderr):
            result = self._loop.run_until_complete(self._agent.parse_message(text))
        intent = _top_intent(result)
        return {
            "text": text,
            "intent": intent.get("name"),
            "confidence": round(float(intent.get("confidence") or 0.0), 4),
            "entities": [
                {
                    "entity": e.get("entity"),
                    "value": e.get("value"),
                    "start": e.get("start"),
                    "end": e.get("end"),
                }
                for e in result.get("entities") or []
            ],
        }
