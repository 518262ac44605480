"""Where private keys live: the OS keyring, else a file sealed under a passphrase.

A headless Linux machine has no working keyring backend; there the key is kept in a file
encrypted with a key derived from a passphrase (scrypt), never in plain text.
"""

from __future__ import annotations

import base64
import json
import logging
import os
from pathlib import Path
from typing import Callable

from cunwu.files import private_folder, write_atomic
from cunwu.errors import CunwuError

log = logging.getLogger(__name__)

SERVICE = "cunwu"
PASSPHRASE_ENV = "CUNWU_KEY_PASSPHRASE"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE = 8


def keyring_usable() -> bool:
    """A real backend: not keyring's `fail` one, not keyrings.alt's plain-text ones."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration counts as none
        log.exception("keyring unavailable")
        return False
    if isinstance(backend, fail.Keyring):
        return False
    chained = getattr(backend, "backends", None)
    if chained is not None and not chained:
        return False
    return not type(backend).__module__.startswith("keyrings.alt")


def env_passphrase() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


class KeyVault:
    """Private keys by name, kept in the keyring or in `folder` as sealed files."""

    def __init__(self, folder: Path, passphrase: Callable[[], str | None] = env_passphrase,
                 namespace: str = "") -> None:
        self.folder = Path(folder)
        self.passphrase = passphrase
        self.namespace = namespace

    def _account(self, name: str) -> str:
        return f"{self.namespace}{name}"

    def put(self, name: str, secret: bytes) -> str:
        """Store a secret; returns where: "keyring" or "file"."""
        if keyring_usable():
            import keyring

            try:
                keyring.set_password(SERVICE, self._account(name), base64.b64encode(secret).decode())
                return "keyring"
            except Exception:
                log.warning("keyring refused the key; using a passphrase-sealed file instead")
        log.warning("no system keyring: the key is kept in a file sealed under a passphrase")
        self._write_file(name, secret)
        return "file"

    def get(self, name: str, storage: str) -> bytes:
        if storage == "keyring":
            import keyring

            try:
                value = keyring.get_password(SERVICE, self._account(name))
            except Exception as e:
                raise CunwuError("E_KEY_MISSING", key=name) from e
            if value is None:
                raise CunwuError("E_KEY_MISSING", key=name)
            return base64.b64decode(value)
        return self._read_file(name)

    def _path(self, name: str) -> Path:
        return self.folder / f"{self._account(name)}.key"

    def _passphrase(self) -> str:
        value = self.passphrase()
        if not value:
            raise CunwuError("E_KEY_PASSPHRASE", env=PASSPHRASE_ENV)
        if len(value) < MIN_PASSPHRASE:
            raise CunwuError("E_KEY_PASSPHRASE_WEAK", min=MIN_PASSPHRASE)
        return value

    def _write_file(self, name: str, secret: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

        salt, nonce = os.urandom(16), os.urandom(12)
        key = _derive(self._passphrase(), salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        sealed = ChaCha20Poly1305(key).encrypt(nonce, secret, name.encode())
        doc = {"format": "cunwu.sealed-key/1", "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R,
               "p": SCRYPT_P, "salt": salt.hex(), "nonce": nonce.hex(), "sealed": sealed.hex()}
        # write_atomic's temp file is created readable by its owner only (mkstemp: 0600 on
        # POSIX), in an owner-only folder; on Windows the user's own profile keeps others out.
        private_folder(self.folder)
        write_atomic(self._path(name), json.dumps(doc).encode())

    def _read_file(self, name: str) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

        try:
            doc = json.loads(self._path(name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise CunwuError("E_KEY_MISSING", key=name) from e
        key = _derive(self._passphrase(), bytes.fromhex(doc["salt"]), doc["n"], doc["r"], doc["p"])
        try:
            return ChaCha20Poly1305(key).decrypt(bytes.fromhex(doc["nonce"]),
                                                 bytes.fromhex(doc["sealed"]), name.encode())
        except InvalidTag as e:
            raise CunwuError("E_KEY_PASSPHRASE_WRONG") from e


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
