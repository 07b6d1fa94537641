"""Salted pseudonyms: a staff_id or member_id that never carries the identifier itself.

``staff_id`` is ``S`` followed by the first 16 hex digits (64 bits) of
HMAC-SHA256(salt, ``esr-person:`` + person number); a board member's ``member_id`` is
``M`` + the same over ``board-member:`` + their name. The same salt gives the same
pseudonym to the same person every year; without the salt the identifier cannot be
recovered or checked against a guess.

The salt comes from, in order: ``--salt-file FILE``; the environment variable
``WRES_IMPORT_SALT`` (the salt itself); or ``<params>/import/.salt``, created with 256
random bits on first use (git-ignored). It is never written to any output or message.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from ..errors import InputError, Problem
from ..paths import display_path

SALT_ENV = "WRES_IMPORT_SALT"
SALT_FILE = Path("import") / ".salt"  # under the params folder
MIN_SALT_CHARS = 16
DIGEST_BYTES = 8  # 16 hex digits: collisions among a million people have odds of ~1 in 37m
PERSON_DOMAIN = "esr-person:"
BOARD_DOMAIN = "board-member:"


@dataclass(frozen=True)
class Salt:
    """The secret key of the pseudonyms and where it came from (never the value)."""

    secret: bytes = field(repr=False)
    source: str
    pending_file: Path | None = None  # a new salt to save once the import succeeds

    def save_if_new(self) -> str | None:
        """Write a newly made salt file (0600); returns the note to show, or None."""
        if self.pending_file is None:
            return None
        self.pending_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.pending_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(self.secret.decode("ascii") + "\n")
        return (
            f"created a new salt for pseudonymous identifiers at "
            f"{display_path(self.pending_file)}. Keep it and back it up securely: next year's "
            "import needs the same salt to give each person the same staff_id. Never share it, "
            "commit it or copy it into an output."
        )


def _checked(text: str, source: str, file: str) -> Salt:
    secret = text.strip()
    if len(secret) < MIN_SALT_CHARS:
        raise InputError(
            Problem(
                file=file,
                problem=f"the salt from {source} is too short ({len(secret)} characters; at "
                f"least {MIN_SALT_CHARS} are needed)",
                fix="use a long random secret, e.g. the output of "
                "`python -c 'import secrets; print(secrets.token_hex(32))'`, and keep it",
            )
        )
    return Salt(secret.encode("utf-8"), source)


def load_salt(params_dir: Path, salt_file: Path | None = None) -> Salt:
    """The salt: --salt-file, else $WRES_IMPORT_SALT, else params/import/.salt (made if absent)."""
    if salt_file is not None:
        try:
            text = salt_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                Problem(
                    file=display_path(salt_file),
                    problem=f"the salt file cannot be read ({exc})",
                    fix="give --salt-file a readable text file holding the salt",
                )
            ) from None
        return _checked(text, "--salt-file", display_path(salt_file))
    if os.environ.get(SALT_ENV):
        return _checked(os.environ[SALT_ENV], f"${SALT_ENV}", SALT_ENV)
    path = params_dir / SALT_FILE
    if path.exists():
        return _checked(path.read_text(encoding="utf-8"), "the salt file", display_path(path))
    return Salt(secrets.token_hex(32).encode("ascii"), "a new salt file", pending_file=path)


def _pad_states(salt: Salt, domain: str) -> tuple[object, object]:
    """HMAC-SHA256's inner and outer hash states after the key block (RFC 2104), so that
    each identifier costs two short hash updates instead of a full HMAC set-up."""
    key = salt.secret
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))
    inner.update(domain.encode("utf-8"))
    return inner, outer


def digests(identifiers: Iterable[bytes], salt: Salt, domain: str) -> bytes:
    """The truncated HMAC-SHA256 of each identifier (``domain`` + identifier), concatenated."""
    inner, outer = _pad_states(salt, domain)
    inner_copy, outer_copy = inner.copy, outer.copy  # type: ignore[attr-defined]
    parts = []
    append = parts.append
    for identifier in identifiers:
        h = inner_copy()
        h.update(identifier)
        o = outer_copy()
        o.update(h.digest())
        append(o.digest()[:DIGEST_BYTES])
    return b"".join(parts)


def prefixed_hex(raw: bytes, prefix: str) -> pa.Array:
    """Text pseudonyms ``<prefix><16 hex digits>`` from concatenated `digests` (no loop)."""
    n = len(raw) // DIGEST_BYTES
    size = len(prefix) + 2 * DIGEST_BYTES
    grid = np.empty((n, size), dtype=np.uint8)
    grid[:, : len(prefix)] = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    grid[:, len(prefix) :] = np.frombuffer(raw.hex().encode("ascii"), np.uint8).reshape(n, -1)
    offsets = np.arange(n + 1, dtype=np.int64) * size
    return pa.LargeStringArray.from_buffers(
        n, pa.py_buffer(offsets.tobytes()), pa.py_buffer(grid.tobytes())
    )


def person_key(text: str) -> str:
    """A person number as hashed: spaces trimmed, leading zeros of an all-digit number
    dropped (Excel drops them, so a CSV and an .xlsx export give the same staff_id)."""
    stripped = text.strip()
    if stripped.isascii() and stripped.isdigit():
        return stripped.lstrip("0") or "0"
    return stripped


def name_key(text: str) -> str:
    """A board member's name as hashed: case and repeated spaces do not matter."""
    return " ".join(text.split()).casefold()
