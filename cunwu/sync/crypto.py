"""Key material as it travels: raw Ed25519 / X25519 keys, PEM, fingerprints, key ids.

A fingerprint is SHA-256 over the raw public key bytes, shown in groups of four hex digits
so two people can read it to each other by phone; a key id is its first 16 hex digits.
"""

from __future__ import annotations

import base64
import hashlib
import re

from cunwu.errors import CunwuError

# What a SHA-256 digest and a key id look like as text (envelopes, receipts, fingerprints).
HEX64 = re.compile(r"^[0-9a-f]{64}$")
HEX16 = re.compile(r"^[0-9a-f]{16}$")


def fingerprint(*raw_public: bytes) -> str:
    digest = hashlib.sha256(b"".join(raw_public)).hexdigest().upper()
    return " ".join(digest[i:i + 4] for i in range(0, len(digest), 4))


def key_id(raw_public: bytes) -> str:
    return hashlib.sha256(raw_public).hexdigest()[:16]


def new_signing_key() -> tuple[bytes, bytes]:
    """(raw private, raw public) of a new Ed25519 key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    k = Ed25519PrivateKey.generate()
    return _raw_private(k), _raw_public(k.public_key())


def new_encryption_key() -> tuple[bytes, bytes]:
    """(raw private, raw public) of a new X25519 key."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    k = X25519PrivateKey.generate()
    return _raw_private(k), _raw_public(k.public_key())


def _raw_private(k) -> bytes:
    from cryptography.hazmat.primitives import serialization as ser

    return k.private_bytes(ser.Encoding.Raw, ser.PrivateFormat.Raw, ser.NoEncryption())


def _raw_public(k) -> bytes:
    from cryptography.hazmat.primitives import serialization as ser

    return k.public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)


def sign(raw_private: bytes, message: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(raw_private).sign(message)


def verifies(raw_public: bytes, signature: bytes, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(raw_public).verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def public_pem(raw_public: bytes) -> str:
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = Ed25519PublicKey.from_public_bytes(raw_public)
    return key.public_bytes(ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo).decode()


def raw_from_pem(pem: str) -> bytes:
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = ser.load_pem_public_key(pem.encode())
    except (ValueError, TypeError) as e:
        raise CunwuError("E_KEY_FORMAT") from e
    if not isinstance(key, Ed25519PublicKey):
        raise CunwuError("E_KEY_FORMAT")
    return _raw_public(key)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def _suite():
    from cryptography.hazmat.primitives import hpke

    return hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)


def seal(plaintext: bytes, recipient_public: bytes, info: bytes) -> bytes:
    """HPKE (RFC 9180) base mode to an X25519 key; `info` binds the envelope's fields."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    return _suite().encrypt(plaintext, X25519PublicKey.from_public_bytes(recipient_public), info=info)


def open_sealed(ciphertext: bytes, recipient_private: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    return _suite().decrypt(ciphertext, X25519PrivateKey.from_private_bytes(recipient_private), info=info)


# -- the village's enrolled Ed25519 key as an X25519 key (the down channel) -------------------
# The district seals its bundles to the key the village enrolled with, so no second key has to
# travel or be enrolled: the Ed25519 point maps to Curve25519 (RFC 7748 §4.1, u = (1 + y) /
# (1 − y)) and the private scalar is the one Ed25519 itself derives (libsodium's
# crypto_sign_ed25519_*_to_curve25519 do the same).
_P = 2**255 - 19


def x25519_public_of(ed25519_public: bytes) -> bytes:
    y = int.from_bytes(ed25519_public, "little") & ((1 << 255) - 1)
    if y >= _P or y == 1:
        raise CunwuError("E_KEY_FORMAT")
    u = (1 + y) * pow(1 - y, _P - 2, _P) % _P
    return u.to_bytes(32, "little")


def x25519_private_of(ed25519_private: bytes) -> bytes:
    return hashlib.sha512(ed25519_private).digest()[:32]  # X25519 clamps it as Ed25519 does
