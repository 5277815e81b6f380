"""Masks phone numbers, e-mail addresses and Finnish personal identity codes in free text.

Used before an unanswered message is stored: the inbox must not hold anything that identifies
the writer. The patterns err on the side of masking (a wrong check character is still masked).
"""

from __future__ import annotations

import re

EMAIL_MASK = "[sähköposti]"
HETU_MASK = "[henkilötunnus]"
PHONE_MASK = "[puhelinnumero]"

EMAIL = re.compile(r"[\w.+%-]+\s?(?:@|\(at\)|\[at\])\s?[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# ddmmyy, century sign (+ 1800s; - and U-Y 1900s; A-F 2000s), individual number, check char.
HETU = re.compile(
    r"(?<![\w])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}\s?[-+A-FU-Y]\s?\d{3}[0-9A-Y](?![\w])",
    re.IGNORECASE,
)
# +358 or 00358 (any country), or a national number starting with 0 (040, 09, 0800); several
# numbers in a row are masked together.
PHONE = re.compile(r"(?<![\d+])(?:\+|\(?0)[\d()\s-]*\d")
# A run of seven or more digits with no separators (a number typed without its leading zero).
LONG_DIGITS = re.compile(r"(?<!\d)\d{7,}(?!\d)")
MIN_PHONE_DIGITS = 7  # the shortest Finnish numbers: "09 12345", "0100 100"


def _phone(match: re.Match[str]) -> str:
    """The mask when the match has at least a phone number's digits, else the text as is."""
    found = match.group(0)
    return PHONE_MASK if sum(c.isdigit() for c in found) >= MIN_PHONE_DIGITS else found


def mask_personal_data(text: str) -> str:
    """The text with e-mails, identity codes and phone numbers replaced by a bracketed label."""
    text = EMAIL.sub(EMAIL_MASK, text)
    text = HETU.sub(HETU_MASK, text)
    text = PHONE.sub(_phone, text)
    return LONG_DIGITS.sub(PHONE_MASK, text)
