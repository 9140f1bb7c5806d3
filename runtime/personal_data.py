"""Personal data sealed per subject (envelope encryption) and erased by destroying the
subject's key (crypto-shredding): Decree 13/2023/NĐ-CP and the Personal Data Protection
Law 91/2025/QH15 (in force 01/01/2026), right to erasure.

Each subject (a producer) gets a data key of its own, 256 random bits, stored only
wrapped by the key-encryption key (KEK, RFC 3394 AES key wrap) in the table
`ocop_personal_keys` of the service's own store (SQLite file, PostgreSQL database; a dict
in memory: `runtime.personal_keys`). A value is sealed as AES-256-GCM over its JSON with
the subject's id as associated data (a sealed value copied onto another subject does not
open):

    {"sealed": "pd1.<base64url(nonce 12 bytes ‖ ciphertext ‖ tag)>"}

so events and backups hold ciphertext only. `erase(subject)` overwrites the wrapped key
(SQLite with `secure_delete`) and keeps the row as the mark of the erasure: from then on
`open` answers `ERASED` and `seal` refuses the subject. The events stay as stored (the
tamper-evident chain, `runtime.chain`, still verifies); nothing can recover the values.

Values stored before sealing existed are `{"plain": value}` (the upcasters say so) and
open as they are: they cannot be shredded, only their view withheld.

What remains readable after an erasure: copies of the wrapped key in PostgreSQL's dead
tuples, WAL and backups made before it — each useless without the KEK; rotating the KEK
(`rewrap`, then destroying the old one) ends them too (docs/operators/personal-data.md).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap

from runtime.personal_keys import key_table

PREFIX: Final = "pd1."
ERASED_VI: Final = "[đã xoá]"
ERASED_EN: Final = "[erased]"


class PersonalDataError(Exception):
    """A sealed value that does not open with the configured KEK (a wrong key or a
    tampered value), or a seal for a subject already erased."""


@dataclass(frozen=True)
class Erased:
    """What an erased value opens to: shown as `ERASED_VI` / `ERASED_EN`."""

    def text(self, lang: str = "vi") -> str:
        return ERASED_EN if lang == "en" else ERASED_VI


ERASED: Final = Erased()


def new_kek() -> bytes:
    return secrets.token_bytes(32)


def encode_kek(kek: bytes) -> str:
    return base64.urlsafe_b64encode(kek).decode("ascii")


def decode_kek(text: str) -> bytes:
    """A KEK from its base64 text (44 characters, 32 bytes); ValueError otherwise."""
    try:
        kek = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (ValueError, UnicodeEncodeError) as error:
        raise ValueError("personal data key: not base64") from error
    if len(kek) != 32:
        raise ValueError("personal data key: 32 bytes (base64, 44 characters) expected")
    return kek


def kek_from_file(path: Path, *, create: bool) -> bytes:
    """The KEK in `path`; with `create`, a new one written there (0600) when missing."""
    if create and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process of the service made it first
            pass
        else:
            with os.fdopen(fd, "w") as out:
                out.write(encode_kek(new_kek()) + "\n")
    return decode_kek(path.read_text(encoding="ascii"))


def kek_id(kek: bytes) -> str:
    """A short public name of a KEK (not the key): tells which KEK wrapped a data key."""
    return hashlib.sha256(b"ocop-kek|" + kek).hexdigest()[:16]


class PersonalDataVault:
    """Seals and opens one service's personal data per subject; erases a subject.

    `recorder` is the application's (its store holds the key table); `kek` the 32-byte
    key-encryption key from the settings (`key_from_settings`)."""

    def __init__(self, recorder: object, kek: bytes) -> None:
        if len(kek) != 32:
            raise ValueError("the key-encryption key has 32 bytes")
        self._kek = kek
        self._kek_id = kek_id(kek)
        self._keys = key_table(recorder)

    def _data_key(self, subject: str, *, create: bool) -> bytes | None:
        found = self._keys.get(subject)
        if found is None and create:
            self._keys.add(subject, self._kek_id, aes_key_wrap(self._kek, secrets.token_bytes(32)))
            found = self._keys.get(subject)
        if found is None:
            return None
        used, wrapped = found
        if wrapped is None:
            return None
        if used != self._kek_id:
            raise PersonalDataError(f"the data key of {subject} is wrapped by another KEK")
        try:
            return aes_key_unwrap(self._kek, wrapped)
        except InvalidUnwrap as error:
            raise PersonalDataError(f"the data key of {subject} does not unwrap") from error

    def seal(self, subject: str, value: Any) -> dict[str, str]:
        """`value` (JSON-serialisable) sealed under `subject`'s key (made on first use).
        Raises PersonalDataError for a subject already erased."""
        key = self._data_key(subject, create=True)
        if key is None:
            raise PersonalDataError(f"the personal data of {subject} was erased")
        nonce = secrets.token_bytes(12)
        plain = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
        sealed = nonce + AESGCM(key).encrypt(nonce, plain, subject.encode("utf-8"))
        return {"sealed": PREFIX + base64.urlsafe_b64encode(sealed).decode("ascii")}

    def open(self, subject: str, stored: Any) -> Any:
        """The value `stored` holds (`seal`'s output, or `{"plain": value}` written before
        sealing); `ERASED` once the subject is erased; `stored` itself if neither."""
        if not isinstance(stored, dict):
            return stored
        if "plain" in stored:
            return stored["plain"]
        token = str(stored.get("sealed", ""))
        if not token.startswith(PREFIX):
            raise PersonalDataError("not a sealed value")
        key = self._data_key(subject, create=False)
        if key is None:
            return ERASED
        raw = base64.urlsafe_b64decode(token[len(PREFIX) :].encode("ascii"))
        try:
            plain = AESGCM(key).decrypt(raw[:12], raw[12:], subject.encode("utf-8"))
        except Exception as error:  # cryptography's InvalidTag: altered or another subject's
            raise PersonalDataError(f"a sealed value of {subject} does not open") from error
        return json.loads(plain)

    def erase(self, subject: str) -> bool:
        """Destroys `subject`'s data key (crypto-shredding); True when a key was destroyed,
        False when there was none (never sealed, or erased before)."""
        return self._keys.erase(subject)

    def erased(self, subject: str) -> bool:
        found = self._keys.get(subject)
        return found is not None and found[1] is None

    def rewrap(self, new_kek: bytes) -> int:
        """Wraps every live data key by `new_kek` (KEK rotation); returns how many. The
        vault keeps working with the old KEK until rebuilt with the new one."""
        new_id = kek_id(new_kek)
        count = 0
        for subject, used, wrapped in self._keys.live():
            if used == new_id:
                continue
            if used != self._kek_id:
                raise PersonalDataError(f"the data key of {subject} is wrapped by another KEK")
            key = aes_key_unwrap(self._kek, wrapped)
            self._keys.replace(subject, new_id, aes_key_wrap(new_kek, key))
            count += 1
        return count


def opened_text(value: Any, lang: str = "vi") -> str:
    """A view's text for an opened value: the erasure placeholder, "" for None."""
    if isinstance(value, Erased):
        return value.text(lang)
    return "" if value is None else str(value)


def key_from_settings(store: str, data_dir: Path, key_file: Path | None) -> bytes:
    """The KEK of a service: `key_file` when given (it must exist: production supplies
    its own secret), else `<data_dir>/personal-data.key`, made on first start; a fresh
    random key for the memory store (its data dies with the process anyway)."""
    if key_file is not None:
        return kek_from_file(key_file, create=False)
    if store == "memory":
        return new_kek()
    return kek_from_file(data_dir / "personal-data.key", create=True)
