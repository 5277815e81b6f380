"""Short-lived signed token that tells the chat which professional started an audit.

The staff cookie never reaches the public chat; instead the portal's start link carries this
token in the URL fragment (never sent to the server in the page request, never logged), the chat
keeps it in sessionStorage and sends it with its messages. It holds only a user id and an expiry.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from functools import lru_cache

TTL_S = 3 * 3600  # one audit with a client fits in well under three hours


@lru_cache(maxsize=1)
def _process_secret() -> str:
    return secrets.token_urlsafe(32)


def _key(secret: str) -> bytes:
    # Development without SESSION_SECRET: a per-process key (tokens die with the process).
    return (secret or _process_secret()).encode("utf-8")


def _sign(payload: str, secret: str) -> str:
    digest = hmac.new(_key(secret), payload.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def issue(user_id: int, secret: str, now: float | None = None) -> str:
    """`<user id>.<expiry>.<signature>`."""
    payload = f"{user_id}.{int((now or time.time()) + TTL_S)}"
    return f"{payload}.{_sign(payload, secret)}"


def verify(token: object, secret: str, now: float | None = None) -> int | None:
    """The user id of a valid, unexpired token; otherwise None."""
    if not isinstance(token, str) or len(token) > 200 or token.count(".") != 2:
        return None
    user, expiry, signature = token.split(".")
    if not (user.isdigit() and expiry.isdigit()):
        return None
    if not hmac.compare_digest(signature, _sign(f"{user}.{expiry}", secret)):
        return None
    if int(expiry) < (now or time.time()):
        return None
    return int(user)
