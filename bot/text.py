"""Text folding shared by the free-text parsers: lower case, ä→a, ö→o, å→a, single spaces."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Normalise for matching typed answers ("Järvenpäässä " → "jarvenpaassa")."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("ä", "a").replace("ö", "o").replace("å", "a")
    return " ".join(re.sub(r"[^\w\s/-]", " ", text).split())
