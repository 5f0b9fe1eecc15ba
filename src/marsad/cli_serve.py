"""`marsad serve`: the web app and the REST API on one port (uvicorn)."""

from __future__ import annotations

import os

import click


@click.command()
@click.option("--db", envvar="MARSAD_DB", default=None, metavar="PATH", help="The store (default: $MARSAD_DB).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="MARSAD_TOKEN", default=None,
              help="API token for writes (required beyond loopback); also $MARSAD_TOKEN.")
@click.option("--protect-reads", is_flag=True, help="Require the token for API reads too.")
@click.option("--kb", "kb", multiple=True, metavar="FILE", help="An extra knowledge-base file; repeatable.")
def serve(db: str | None, host: str, port: int, token: str | None, protect_reads: bool, kb: tuple[str, ...]) -> None:
    """Serve the web app and the API: http://127.0.0.1:8000 (API under /api, OpenAPI at /api/openapi.json)."""
    import uvicorn

    from marsad import settings
    from marsad.cli import _kb_files
    from marsad.web import ServeSettings, create_app
    from marsad.web.http_protocol import guarded_h11

    app = create_app(ServeSettings(db=db or settings.get("db"), host=host, token=token or None,
                                   protect_reads=protect_reads, max_body=int(settings.get("max_bytes")),
                                   kb_files=_kb_files(kb)))
    click.echo(f"Marsad on http://{host}:{port}/  (API: /api, docs: /api/docs)", err=True)
    # Slow or idle clients: a kept-alive connection closes after 5 idle seconds, a request's head must
    # arrive within head_timeout (web/http_protocol.py), a head over 16 KB is refused (h11's limit).
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("MARSAD_LOG", "warning"),
                http=guarded_h11(float(settings.get("head_timeout"))), limit_concurrency=64, timeout_keep_alive=5,
                h11_max_incomplete_event_size=16 * 1024)


def register(cli: click.Group) -> None:
    cli.add_command(serve)
