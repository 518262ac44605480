"""The workbench's Starlette app, mounted at / beside /api/v1: the pages' routes, the static
files, the one guard every page passes (session, login, role, CSRF) and the security headers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from cunwu import clock
from cunwu.district import accounts
from cunwu.district.accounts import DistrictUser
from cunwu.district.store import District
from cunwu.sync import bundle, tls
from cunwu.district.web import uploads
from cunwu.district.web.sessions import COOKIE, CSRF_FIELD, CSRF_HEADER, Session, Sessions, csrf_ok

HERE = Path(__file__).resolve().parent
IDLE_MINUTES = 30  # district.json "idle_minutes" overrides

# Nothing from outside the server: district offices are often offline, and a page that can
# reach nowhere else cannot leak what it shows.
HEADERS = {
    "content-security-policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


class SecurityHeaders:
    """Pure ASGI: the headers above on every response, pages and static files alike."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in HEADERS.items():
                    headers.setdefault(k, v)
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass
class Visit:
    """What a page handler gets: the district, the request, the session, who is logged in
    (None on the login page) and the posted form."""

    d: District
    request: Request
    session: Session
    user: DistrictUser | None
    form: FormData | None
    web: "Workbench"
    upload: "uploads.Upload | None" = None  # a bundle sent through the 数据包 form, spooled

    def render(self, template: str, status: int = 200, **context) -> Response:
        context.update(user=self.user, csrf=self.session.csrf, path=self.request.url.path)
        return self.web.templates.TemplateResponse(self.request, template, context,
                                                   status_code=status)

    def refuse(self, status: int, message: str) -> Response:
        return self.render("refused.html", status=status, message=message)


class Workbench:
    def __init__(self, d: District, max_bytes: int = bundle.MAX_BUNDLE_BYTES,
                 served: tls.Certificate | None = None) -> None:
        self.d = d
        self.max_bytes = max_bytes  # the largest bundle the upload form takes (the receiver's cap)
        self.served = served  # the TLS certificate the server was started with; None: plain http
        self.sessions = Sessions(60 * float(d.config.get("idle_minutes", IDLE_MINUTES)))
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))

    def page(self, action: str | None = "read"):
        """Wrap a (sync) handler: find or start the session, check the CSRF token on a POST,
        send a visitor who is not logged in to /login, refuse a role without `action`
        (None: no login needed), run the handler off the event loop, set the cookie."""

        def wrap(handler):
            @functools.wraps(handler)
            async def endpoint(request: Request) -> Response:
                session = self.sessions.find(request.cookies.get(COOKIE)) or self.sessions.new()
                form, upload = None, None
                streams = getattr(handler, "streams_upload", False)
                if request.method == "POST" and not streams:
                    form = await request.form(max_files=1, max_fields=50)
                    sent = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
                    if not csrf_ok(session, sent):
                        response = self._visit(request, session, None, form).refuse(
                            403, "表单已失效或来源不明（CSRF 校验失败），请刷新页面后重试。")
                        return self._finish(request, response, session)
                user = None
                if action is not None:
                    user = await run_in_threadpool(self._user, session)
                    if user is None:
                        return self._finish(request, self._to_login(request), session)
                    if not user.may(action):
                        response = self._visit(request, session, user, form).refuse(
                            403, f"账户 {user.name}（{ROLE_NAMES[user.role]}）没有此项权限。")
                        return self._finish(request, response, session)
                if streams:  # the body is read only once the account may send it
                    try:
                        upload = await uploads.receive(
                            request, self.d.spool, self.max_bytes,
                            lambda sent: csrf_ok(session, request.headers.get(CSRF_HEADER) or sent))
                    except uploads.Refused as e:
                        response = self._visit(request, session, user, None).refuse(e.status, e.message)
                        response.headers["connection"] = "close"  # the rest of the body is not read
                        return self._finish(request, response, session)
                visit = self._visit(request, session, user, form)
                visit.upload = upload
                try:
                    response = await run_in_threadpool(handler, visit)
                finally:
                    if upload is not None:
                        uploads.discard(upload)
                return self._finish(request, response, visit.session)

            return endpoint

        return wrap

    def _visit(self, request, session, user, form) -> Visit:
        return Visit(self.d, request, session, user, form, self)

    def _user(self, session: Session) -> DistrictUser | None:
        """The session's account as it stands now: a disabled one is logged out at once."""
        if session.user is None:
            return None
        user = accounts.current(self.d, session.user)
        if user is None:
            session.user = None
        return user

    @staticmethod
    def _to_login(request: Request) -> Response:
        target = "/login?next=" + quote(request.url.path)
        if request.headers.get("hx-request"):  # htmx: the whole page goes, not a fragment
            return Response(status_code=401, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    def _finish(self, request: Request, response: Response, session: Session) -> Response:
        self.sessions.set_cookie(response, session, secure=request.url.scheme == "https")
        response.headers.setdefault("cache-control", "no-store")
        return response


ROLE_NAMES = {"admin": "管理员", "officer": "经办人", "viewer": "查看人"}


def create_app(d: District, max_bytes: int = bundle.MAX_BUNDLE_BYTES,
               served: tls.Certificate | None = None) -> Starlette:
    from cunwu.district.web import pages

    web = Workbench(d, max_bytes, served)
    web.templates.env.globals.update(role_names=ROLE_NAMES, nav=pages.NAV, district_name=d.name)
    web.templates.env.filters["local_minute"] = clock.local_minute
    routes = [Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static")]
    routes += [Route(path, web.page(action)(handler), methods=methods)
               for path, handler, action, methods in pages.ROUTES]
    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)])
    app.state.workbench = web
    return app
