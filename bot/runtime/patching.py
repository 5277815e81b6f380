"""Replacing a method of one of Rasa's classes once, keeping the original at hand.

Every speed-up in `bot.rasa_speedups` is a replaced method. Installing twice must not wrap a
replacement in itself, and a static method must stay static.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

ORIGINALS = "_asumisbotti_originals"


def patch_once(owner: type, name: str, replacement: Callable[..., Any], *,
               wraps: bool = False) -> None:
    """Set `owner.name` to `replacement`, or to `replacement(original)` when `wraps`; once."""
    originals = owner.__dict__.get(ORIGINALS)
    if originals is None:
        originals = {}
        setattr(owner, ORIGINALS, originals)
    if name in originals:
        return
    original = getattr(owner, name)
    originals[name] = original
    new = replacement(original) if wraps else replacement
    if isinstance(inspect.getattr_static(owner, name), staticmethod):
        new = staticmethod(new)
    setattr(owner, name, new)


def original(owner: type, name: str) -> Callable[..., Any]:
    """The method as it was before `patch_once` replaced it (itself when not replaced)."""
    return owner.__dict__.get(ORIGINALS, {}).get(name, getattr(owner, name))


def is_patched(owner: type, name: str) -> bool:
    """Whether `patch_once` replaced `owner.name`."""
    return name in owner.__dict__.get(ORIGINALS, {})
