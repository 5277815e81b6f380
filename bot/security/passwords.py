"""Password hashing (argon2 via pwdlib) and the strength check of new staff passwords."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")


@lru_cache(maxsize=1)
def _hasher() -> PasswordHash:
    return PasswordHash((Argon2Hasher(),))


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash("unknown-user-dummy-password")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The bundled list of common passwords, lower-cased."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


def hash_password(password: str) -> str:
    """An argon2 hash of the password."""
    return _hasher().hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """True when the password matches; without a hash it still spends the same time."""
    if password_hash is None:
        _hasher().verify(password, _dummy_hash())
        return False
    try:
        return _hasher().verify(password, password_hash)
    except Exception:  # noqa: BLE001 - a malformed stored hash never logs anyone in
        return False


def password_problem(password: str, email: str, min_length: int) -> str | None:
    """Why a new password is refused (`too_short`, `common`), or None when it is fine."""
    if len(password) < min_length:
        return "too_short"
    lowered = password.strip().lower()
    stem = lowered.rstrip("0123456789!?.#@$%&*-_ ")
    local_part = email.split("@", 1)[0].lower()
    if lowered in common_passwords() or stem in common_passwords() or len(set(lowered)) < 4:
        return "common"
    if len(local_part) >= 4 and local_part in lowered:
        return "common"
    return None
