"""TLS towards the district server: the SHA-256 fingerprint of its certificate (pinned in the
district certificate at enrolment), and the client context that checks that pin, or a CA
file, during the handshake, before any of a bundle is sent.
"""

from __future__ import annotations

import hashlib
import re
import ssl
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


def cert_fingerprint(path: Path) -> str:
    """The SHA-256 fingerprint of the (first) certificate in a PEM file."""
    from cunwu.files import read_capped

    try:
        text = read_capped(Path(path), MAX_CERT_BYTES).decode("ascii")
        der = ssl.PEM_cert_to_DER_cert(text[text.index("-----BEGIN CERTIFICATE-----"):])
    except (OSError, ValueError) as e:
        raise CunwuError("E_TLS_CERT", path=str(path), detail="not a PEM certificate") from e
    return hashlib.sha256(der).hexdigest()


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
