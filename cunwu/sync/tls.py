"""TLS towards the district server: its certificate read (fingerprint, names, validity), the
SHA-256 fingerprint pinned in the district certificate at enrolment, and the client context
that checks that pin, or a CA file, during the handshake, before any of a bundle is sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import ssl
from dataclasses import dataclass
from pathlib import Path

from cunwu.errors import CunwuError
from cunwu.sync import crypto

MAX_CERT_BYTES = 256 * 1024


def normalise(fingerprint: str) -> str:
    """Lower-case hex without separators; 'AB:CD …' as openssl prints it is accepted."""
    fp = re.sub(r"[\s:]", "", str(fingerprint)).lower().removeprefix("sha256=")
    if not crypto.HEX64.match(fp):
        raise CunwuError("E_TLS_CERT", path=str(fingerprint)[:80], detail="not a SHA-256 fingerprint")
    return fp


@dataclass(frozen=True)
class Certificate:
    """What an officer compares of a server certificate; times are aware UTC datetimes."""

    sha256: str  # of the DER encoding, as a village pins it
    subject_cn: str
    issuer_cn: str
    not_before: dt.datetime
    not_after: dt.datetime
    self_signed: bool  # issued by itself: only a pin (or this very file as CA) can trust it


def read_certificate(path: Path) -> Certificate:
    """The (first) certificate of a PEM file (a full chain: the server's own comes first) or of
    a DER file, read by `cryptography`; E_TLS_CERT for any other file."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from cunwu.files import read_capped

    data = read_capped(Path(path), MAX_CERT_BYTES)  # E_FILE_READ names a missing or unreadable file
    if len(data) > MAX_CERT_BYTES:
        raise CunwuError("E_TLS_CERT", path=str(path), detail="too large for a certificate")
    try:
        cert = (x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data
                else x509.load_der_x509_certificate(data))
    except ValueError as e:
        raise CunwuError("E_TLS_CERT", path=str(path), detail="not a PEM or DER certificate") from e
    return Certificate(sha256=hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest(),
                       subject_cn=_common_name(cert.subject), issuer_cn=_common_name(cert.issuer),
                       not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
                       self_signed=cert.subject == cert.issuer)


def _common_name(name) -> str:
    from cryptography.x509.oid import NameOID

    found = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(found[0].value) if found else name.rfc4514_string()


def cert_fingerprint(path: Path) -> str:
    """The SHA-256 fingerprint of the (first) certificate in a PEM file."""
    return read_certificate(path).sha256


def grouped(fingerprint: str) -> str:
    """A fingerprint as people read it aloud and compare it: upper-case, in groups of four."""
    fp = normalise(fingerprint).upper()
    return " ".join(fp[i:i + 4] for i in range(0, len(fp), 4))


class PinMismatch(ssl.SSLCertVerificationError):
    def __init__(self, expected: str, found: str) -> None:
        super().__init__(f"certificate fingerprint {found} is not the pinned {expected}")
        self.expected, self.found = expected, found


def _check(ssl_object, pin: str) -> None:
    der = ssl_object.getpeercert(binary_form=True)
    found = hashlib.sha256(der or b"").hexdigest()
    if found != pin:
        raise PinMismatch(pin, found)


def client_context(pin: str | None = None, ca_file: Path | None = None) -> ssl.SSLContext:
    """With a CA file: the usual chain and host name checks against it. With a pin: the
    server's certificate must be exactly the pinned one (a self-signed one is fine, no CA
    or host name is consulted). Both: both. Neither: the system's CAs."""
    if ca_file is not None:
        try:
            ctx = ssl.create_default_context(cafile=str(ca_file))
        except (OSError, ssl.SSLError) as e:
            raise CunwuError("E_TLS_CERT", path=str(ca_file), detail="not a readable CA file") from e
    elif pin is not None:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE  # the pin below is the whole check
    else:
        ctx = ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    if pin is not None:
        pin = normalise(pin)

        class PinnedSocket(ssl.SSLSocket):  # blocking clients (httpx's sync transport)
            def do_handshake(self, *args, **kw):
                super().do_handshake(*args, **kw)
                _check(self, pin)

        class PinnedObject(ssl.SSLObject):  # asyncio and memory-BIO clients
            def do_handshake(self):
                super().do_handshake()
                _check(self, pin)

        ctx.sslsocket_class = PinnedSocket
        ctx.sslobject_class = PinnedObject
    return ctx


def tls_failure(exc: BaseException) -> ssl.SSLError | None:
    """The TLS error behind a transport error, if that is what it was."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, ssl.SSLError):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None
