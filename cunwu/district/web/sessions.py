"""Workbench sessions: kept in the server's memory, named by a signed cookie (HttpOnly,
SameSite=Strict, Secure when the page came over TLS), dropped after an idle time; each carries
the CSRF token every POST must send back. A restart of the server logs everyone out.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

from itsdangerous import BadSignature, Signer

COOKIE = "cunwu_district"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MAX_SESSIONS = 10_000  # anonymous visitors each get one (the login form needs its token)


@dataclass
class Session:
    sid: str
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    user: str | None = None
    seen: float = field(default_factory=time.monotonic)


class Sessions:
    def __init__(self, idle_seconds: float, secret: bytes | None = None) -> None:
        self.idle = idle_seconds
        self._signer = Signer(secret or secrets.token_bytes(32), salt="cunwu-district-session")
        self._by_sid: dict[str, Session] = {}
        self._lock = threading.Lock()

    def find(self, cookie: str | None) -> Session | None:
        """The live session a cookie names, its idle clock restarted; None when the cookie is
        missing, forged, unknown or idle too long (then the session is dropped)."""
        if not cookie:
            return None
        try:
            sid = self._signer.unsign(cookie).decode("ascii")
        except (BadSignature, UnicodeDecodeError):
            return None
        now = time.monotonic()
        with self._lock:
            s = self._by_sid.get(sid)
            if s is None:
                return None
            if now - s.seen > self.idle:
                del self._by_sid[sid]
                return None
            s.seen = now
            return s

    def new(self, user: str | None = None) -> Session:
        s = Session(secrets.token_urlsafe(32), user=user)
        with self._lock:
            if len(self._by_sid) >= MAX_SESSIONS:
                self._prune()
            self._by_sid[s.sid] = s
        return s

    def _prune(self) -> None:
        now = time.monotonic()
        for sid in [k for k, s in self._by_sid.items() if now - s.seen > self.idle]:
            del self._by_sid[sid]
        if len(self._by_sid) >= MAX_SESSIONS:  # still full: the longest unused tenth goes
            for s in sorted(self._by_sid.values(), key=lambda s: s.seen)[:MAX_SESSIONS // 10]:
                del self._by_sid[s.sid]

    def log_in(self, old: Session, user: str) -> Session:
        """A fresh session (new id, new CSRF token) for the user: an id known before the
        login is worth nothing after it."""
        self.drop(old)
        return self.new(user)

    def drop(self, s: Session) -> None:
        with self._lock:
            self._by_sid.pop(s.sid, None)

    def drop_user(self, user: str) -> None:
        """Every session of an account, when it is disabled."""
        with self._lock:
            for sid in [k for k, s in self._by_sid.items() if s.user == user]:
                del self._by_sid[sid]

    def set_cookie(self, response, s: Session, secure: bool) -> None:
        # No max-age: the cookie ends with the browser, and the server ends it when idle.
        response.set_cookie(COOKIE, self._signer.sign(s.sid).decode("ascii"), path="/",
                            httponly=True, samesite="strict", secure=secure)


def csrf_ok(s: Session, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(s.csrf.encode(), str(sent).encode())
