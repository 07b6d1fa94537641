"""Salted pseudonyms: a staff_id or member_id that never carries the identifier itself.

``staff_id`` is ``S`` followed by 16 hex digits: the 64-bit keyed hash of the person number
(its UTF-8 bytes) computed by ``pandas.util.hash_array``, which is SipHash-2-4 (a keyed
pseudorandom function made for short inputs, with a 128-bit key) followed by a fixed
bijective mixing of the 64 bits (the finaliser of splitmix64). The key is BLAKE2b-128 of
the salt, personalised ``esr-person``; a board member's ``member_id`` is ``M`` and the same
over their name with the key personalised ``board-member``. The same salt gives the same
pseudonym to the same person every year; without the salt the identifier cannot be
recovered or checked against a guess. pandas runs SipHash over all identifiers in one C
loop, with no Python call per identifier (HMAC through ``hashlib`` needs several).
`tests/test_import_parts.py` checks every step against a reference SipHash-2-4 that gives
the published test vectors, so a pandas release that changed the hash cannot go unnoticed.

The salt comes from, in order: ``--salt-file FILE``; the environment variable
``WRES_IMPORT_SALT`` (the salt itself); or ``<params>/import/.salt``, created with 256
random bits on first use (git-ignored). It is never written to any output or message.
"""

from __future__ import annotations

import binascii
import hashlib
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
from pandas.util import hash_array

from ..errors import InputError, Problem
from ..paths import display_path

SALT_ENV = "WRES_IMPORT_SALT"
SALT_FILE = Path("import") / ".salt"  # under the params folder
MIN_SALT_CHARS = 16
KEY_BYTES = 16  # SipHash's key
CHUNK = 1 << 16  # identifiers hashed at a time
DIGEST_BYTES = 8  # 16 hex digits: collisions among a million people have odds of ~1 in 37m
PERSON_DOMAIN = "esr-person"  # one key, and so one pseudonym space, per use
BOARD_DOMAIN = "board-member"


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


def hash_key(salt: Salt, domain: str) -> bytes:
    """The 128-bit SipHash key of one use of the salt: BLAKE2b of the salt, personalised."""
    return hashlib.blake2b(
        salt.secret, digest_size=KEY_BYTES, person=domain.encode("ascii")
    ).digest()


def _as_arrow(identifiers: pa.Array | pa.ChunkedArray | Sequence[str]) -> pa.Array:
    if isinstance(identifiers, pa.ChunkedArray):
        return identifiers.combine_chunks()
    if isinstance(identifiers, pa.Array):
        return identifiers
    return pa.array(list(identifiers), pa.large_string())


def digests(
    identifiers: pa.Array | pa.ChunkedArray | Sequence[str], salt: Salt, domain: str
) -> np.ndarray:
    """The 64-bit keyed hash (uint64) of each identifier's UTF-8 bytes (see the module
    docstring).

    pandas hashes an array of Python bytes objects: they are made `CHUNK` identifiers at a
    time, so that their memory is reused rather than taken afresh for a million of them.
    As the values hashed are bytes, ``encoding`` only turns the 16 key characters back into
    the key's 16 bytes (latin-1 maps each byte to one character).
    """
    key = hash_key(salt, domain).decode("latin-1")
    texts = _as_arrow(identifiers).cast(pa.large_binary())
    hashes = np.empty(len(texts), dtype=np.uint64)
    for start in range(0, len(texts), CHUNK):
        values = texts.slice(start, CHUNK).to_numpy(zero_copy_only=False)
        hashes[start : start + len(values)] = hash_array(
            values, encoding="latin-1", hash_key=key, categorize=False
        )
    return hashes


def prefixed_hex(hashes: np.ndarray, prefix: str) -> pa.Array:
    """Text pseudonyms ``<prefix><16 hex digits>`` from `digests` (no Python loop)."""
    n = hashes.size
    big_endian = np.asarray(hashes, dtype=np.uint64).astype(f">u{DIGEST_BYTES}")
    size = len(prefix) + 2 * DIGEST_BYTES
    grid = np.empty((n, size), dtype=np.uint8)
    grid[:, : len(prefix)] = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    grid[:, len(prefix) :] = np.frombuffer(binascii.hexlify(big_endian), np.uint8).reshape(
        n, 2 * DIGEST_BYTES
    )
    offsets = np.arange(0, (n + 1) * size, size, dtype=np.int64)
    return pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(grid))


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
