"""Base of the forms' `action_ask_<slot>` actions: Rasa finds the question by slot name."""

from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Action


class AskSlotAction(Action, ABC):
    """One form question; subclasses name the slot and send the question in `run`."""

    @property
    @abstractmethod
    def slot(self) -> str:
        """The form slot this question fills."""

    def name(self) -> str:
        """Rasa calls `action_ask_<slot>` when the form requests the slot."""
        return f"action_ask_{self.slot}"
