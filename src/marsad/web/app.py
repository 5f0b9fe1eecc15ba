"""The FastAPI application: settings, the store per request, errors as JSON, limits and tokens.

Errors: every API error is `{"error": {"code", "message"}}` with its status. Writes (POST, DELETE)
need the token when the server listens on anything but loopback (or whenever a token is set);
reads need it only when `protect_reads` is on. Without a token, a browser's write from a page not on
loopback is refused (403: DNS rebinding). A request body larger than `max_body` is refused with 413
before it is read, so a bad request never reaches the store. Every answer carries SECURITY_HEADERS.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.errors import MarsadError, NotFound, UsageError

MAX_BODY = 20 * 1024 * 1024


@dataclass(frozen=True)
class ServeSettings:
    db: str
    host: str = "127.0.0.1"
    token: str | None = None
    protect_reads: bool = False
    max_body: int = MAX_BODY
    kb_files: tuple[str, ...] = ()

    @property
    def loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def _open_store(settings: ServeSettings):
    from marsad.store import open_store

    return open_store(settings.db)


def store_dependency(request: Request) -> Iterator:
    """One store connection per request (SQLite connections are not shared between threads)."""
    store = _open_store(request.app.state.settings)
    try:
        yield store
    finally:
        store.close()


def _token_ok(request: Request, token: str) -> bool:
    given = request.headers.get("x-marsad-token") or ""
    auth = request.headers.get("authorization") or ""
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    return hmac.compare_digest(given.encode(), token.encode())


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data: https://*.tile.openstreetmap.org;"
                               " script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none';"
                               " base-uri 'none'; frame-ancestors 'none'",
}


def _refusal(request: Request, settings: ServeSettings) -> JSONResponse | None:
    """413 for a body over the limit, 401 when the request needs the token and lacks it; else None."""
    length = request.headers.get("content-length")
    if length and (not length.isdigit() or int(length) > settings.max_body):
        return JSONResponse(error_body("too_large", f"request body over {settings.max_body} bytes"), 413)
    write = request.method in ("POST", "PUT", "PATCH", "DELETE")
    needs = settings.token and (write or settings.protect_reads and request.url.path.startswith("/api/")
                                and request.url.path not in ("/api/openapi.json", "/api/docs"))
    if needs and not _token_ok(request, settings.token):
        return JSONResponse(error_body("unauthorized", "a valid token is required (Authorization: Bearer ...)"),
                            401, headers={"WWW-Authenticate": "Bearer"})
    # Without a token, a write sent by a browser must come from a page on loopback: a web page elsewhere
    # could otherwise reach this server through DNS rebinding (browsers send Origin with every POST/DELETE).
    origin = request.headers.get("origin")
    if write and not settings.token and origin is not None and not _loopback_origin(origin):
        return JSONResponse(error_body("forbidden", f"a write from the page {origin[:100]} needs a token"
                                                    " (--token or MARSAD_TOKEN)"), 403)
    return None


def _loopback_origin(origin: str) -> bool:
    from urllib.parse import urlsplit

    try:
        host = urlsplit(origin).hostname or ""
    except ValueError:
        return False
    return ServeSettings(db="", host=host).loopback if host else False


def create_app(settings: ServeSettings) -> FastAPI:
    if not settings.loopback and not settings.token:
        raise UsageError(f"--host {settings.host}: listening beyond loopback needs a token (--token or MARSAD_TOKEN)")
    _open_store(settings).close()  # fail now, with one line, if the store cannot be opened
    app = FastAPI(title="Marsad", version="1", openapi_url="/api/openapi.json", docs_url=None,
                  redoc_url=None)
    app.state.settings = settings

    @app.middleware("http")
    async def guard(request: Request, call_next):
        response = _refusal(request, settings) or await call_next(request)
        for name, value in SECURITY_HEADERS.items():  # on refusals (401, 413) too
            response.headers.setdefault(name, value)
        return response

    def _json_error(request: Request, status: int, code: str, message: str):
        if request.url.path.startswith("/api/"):
            return JSONResponse(error_body(code, message), status)
        from marsad.web.pages import error_page

        return error_page(request, status, message)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return _json_error(request, exc.status, exc.code, exc.message)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound):
        return _json_error(request, 404, "not_found", str(exc))

    @app.exception_handler(UsageError)
    async def _usage(request: Request, exc: UsageError):
        return _json_error(request, 400, "bad_request", str(exc))

    @app.exception_handler(MarsadError)
    async def _marsad(request: Request, exc: MarsadError):
        return _json_error(request, 422, "unprocessable", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return _json_error(request, 422, "invalid", f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _json_error(request, exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        return _json_error(request, 500, "internal", f"internal error ({exc.__class__.__name__})")

    from marsad.web.api import router as api_router
    from marsad.web.pages import router as page_router

    app.include_router(api_router, prefix="/api")
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=str(files("marsad.web") / "static")), name="static")
    return app
