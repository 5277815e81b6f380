"""Test databases: a fresh SQLite file or a fresh database in a throwaway PostgreSQL cluster.

The cluster comes from Debian's `postgresql` package (`scripts/test-deps.sh` installs it for
`make test`). A missing server fails the run with the fix in the message: it is never skipped.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.store.db import make_engine

BACKENDS = ("sqlite", "postgresql")
PG_ROOT = Path("/usr/lib/postgresql")
MISSING_SERVER = (
    "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. "
    "Run `scripts/test-deps.sh` (or `sudo apt-get install -y postgresql`); `make test` does it."
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bin_dir() -> Path | None:
    """The newest installed server's bin folder (with initdb and pg_ctl), or None."""
    dirs = [d for d in sorted(PG_ROOT.glob("*/bin")) if (d / "initdb").exists()]
    return dirs[-1] if dirs else None


class PostgresCluster:
    """initdb + pg_ctl in a temporary folder, on a free loopback port, fsync off (tests only)."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.port = _free_port()
        # Not under pytest's tmp dir: its parents are private to root and the server runs as
        # the postgres user when the tests run as root (initdb refuses to run as root).
        self.folder = Path(tempfile.mkdtemp(prefix="asumisbotti-pg-"))
        self.as_root = os.geteuid() == 0
        self.url = f"postgresql+psycopg://botti@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        result = subprocess.run([*prefix, *args], capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {result.stderr.strip() or result.stdout}")

    def start(self) -> None:
        """Create and start the cluster; raises with the server's own message on failure."""
        if self.as_root:
            if shutil.which("runuser") is None:
                raise RuntimeError("runuser not found (util-linux): needed to run as postgres")
            shutil.chown(self.folder, "postgres")
        data = self.folder / "db"
        self._run(str(self.bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "botti")
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"),
                  "-o", options, "-w", "start")
        for _ in range(50):
            try:
                make_engine(self.url).connect().close()
                return
            except Exception:  # noqa: BLE001 - server still starting
                time.sleep(0.1)

    def stop(self) -> None:
        """Stop the server and remove its files."""
        with contextlib.suppress(RuntimeError):
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "db"), "-m",
                      "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self, template: str | None = None) -> str:
        """A new database, empty or a copy of `template` (a database URL); returns its URL."""
        name = "t_" + secrets.token_hex(6)
        copy_of = f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""
        admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{copy_of}'))
        admin.dispose()
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    def drop_database(self, url: str) -> None:
        """Drop a database even if a cached engine still holds connections to it."""
        name = url.rsplit("/", 1)[1]
        admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """One PostgreSQL server for the whole test session; fails clearly when not installed."""
    bin_dir = pg_bin_dir()
    if bin_dir is None:
        pytest.fail(MISSING_SERVER, pytrace=False)
    cluster = PostgresCluster(bin_dir)
    try:
        cluster.start()
    except RuntimeError as exc:
        cluster.stop()
        pytest.fail(f"PostgreSQL test server did not start: {exc}", pytrace=False)
    yield cluster
    cluster.stop()


def load_test_content(url: str) -> None:
    """Migrate the database and load data/content/ and the audit definition into it."""
    import yaml

    from bot.audit.definition import AUDIT_FILE
    from bot.store import audit_definitions
    from bot.store.content_files import load_answers, load_services
    from bot.store.db import Database
    from bot.store.loader import load_content
    from bot.store.migrate import upgrade

    db = Database(make_engine(url))
    upgrade(db)
    load_content(db, load_answers(), load_services())
    audit_definitions.create(db=db, data=yaml.safe_load(AUDIT_FILE.read_text(encoding="utf-8")))
    db.engine.dispose()


@pytest.fixture(scope="session")
def postgres_content_template(postgres_cluster: PostgresCluster) -> str:
    """A loaded PostgreSQL database that each content test copies (faster than loading)."""
    url = postgres_cluster.create_database()
    load_test_content(url)
    return url


@pytest.fixture(params=BACKENDS)
def content_database_url(request, tmp_path) -> Iterator[str]:
    """URL of a fresh database with the content loaded: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'content.db'}"
        load_test_content(url)
        yield url
        return
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    url = cluster.create_database(template=request.getfixturevalue("postgres_content_template"))
    yield url
    cluster.drop_database(url)


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> Iterator[str]:
    """URL of a fresh, empty database: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    url = cluster.create_database()
    yield url
    cluster.drop_database(url)
