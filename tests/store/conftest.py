"""Store tests run against both backends: `db_path` here is a SQLite file, then a PostgreSQL URL.

The PostgreSQL server is $MARSAD_TEST_PG (a URL of a database where the tests may create schemas;
.ci/run starts one), else a throwaway cluster started here when initdb and pg_ctl exist (as the
`postgres` user when the tests run as root), else the PostgreSQL cases skip. Each test gets a schema
of its own (search_path in the URL), dropped afterwards.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

from live_app import free_port


def _pg_bin() -> Path | None:
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name or 0))
    found = shutil.which("initdb")
    for d in [*(Path(x) for x in reversed(dirs)), *([Path(found).parent] if found else [])]:
        if (d / "initdb").exists() and (d / "pg_ctl").exists():
            return d
    return None


class _Cluster:
    """A throwaway PostgreSQL cluster on loopback, in a temporary folder."""

    def __init__(self, bin_dir: Path):
        self.bin, self.root = bin_dir, Path(tempfile.mkdtemp(prefix="marsad-pg-"))
        self.prefix: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root: run the server as the postgres user
            import pwd

            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.root)
                pytest.skip("running as root and there is no postgres user to run a throwaway server")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        password = secrets.token_hex(16)
        pwfile = self.root / "pw"
        pwfile.write_text(password)
        if self.prefix:
            os.chown(pwfile, user.pw_uid, user.pw_gid)
        self.port = free_port()
        self._run("initdb", "-D", str(self.root / "data"), "-U", "marsad", "-E", "UTF8", "--no-locale",
                  "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}")
        self._run("pg_ctl", "-D", str(self.root / "data"), "-l", str(self.root / "server.log"), "-w", "-t", "60",
                  "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
                  " -c synchronous_commit=off -c full_page_writes=off", "start")
        self.url = f"postgresql://marsad:{password}@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.prefix, str(self.bin / tool), *args], check=True, capture_output=True, timeout=120)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server():
    """The URL of a PostgreSQL database for the tests; skips when there is none."""
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed")
    if url := os.environ.get("MARSAD_TEST_PG"):
        psycopg.connect(url).close()  # given on purpose: a server that does not answer is a failure
        yield url
        return
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("no PostgreSQL: set MARSAD_TEST_PG or install the server (initdb, pg_ctl)")
    cluster = _Cluster(bin_dir)
    try:
        yield cluster.url
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_schemas(pg_server):
    """A factory of store URLs, each on a new schema; every schema is dropped at the end of the session."""
    import psycopg

    made: list[str] = []
    admin = psycopg.connect(pg_server, autocommit=True)
    admin.execute("SET lock_timeout = '20s'")  # a test that left a transaction open must not hang the run

    def new() -> str:
        name = f"t_{secrets.token_hex(6)}"
        admin.execute(f"CREATE SCHEMA {name}")
        made.append(name)
        sep = "&" if "?" in pg_server else "?"
        return f"{pg_server}{sep}options={quote(f'-csearch_path={name}')}"

    new.drop = lambda url: _drop(admin, url, made)
    yield new
    for name in made:
        admin.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
    admin.close()


def _drop(admin, url: str, made: list[str]) -> None:
    name = url.rsplit("search_path%3D", 1)[1]
    admin.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
    made.remove(name)


@pytest.fixture
def pg_url(pg_schemas):
    """A PostgreSQL store URL of its own for one test."""
    url = pg_schemas()
    yield url
    pg_schemas.drop(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_path(request, tmp_path) -> str:
    """The store of one test: a SQLite file, then a PostgreSQL schema (skipped without a server)."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")
