"""A throw-away PostgreSQL cluster for the tests: Debian's server binaries, a temporary data
folder, a free port on 127.0.0.1 and its unix socket in the same folder, no system service.
PostgreSQL refuses to run as root, so under root (CI) it runs as the `postgres` system user
that Debian's package creates."""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SERVER_USER = "postgres"


def find_bindir() -> Path | None:
    """The newest installed server's bin folder (initdb, pg_ctl, pg_dump), or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresCluster:
    """initdb + pg_ctl start on entry, pg_ctl stop + rm -rf on exit; one database per test."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="mains-eval-pg-"))
        self.data = self.root / "data"
        self._names = itertools.count(1)
        self._run_as: dict[str, int] = {}
        if os.geteuid() == 0:
            server = pwd.getpwnam(SERVER_USER)
            self._run_as = {"user": server.pw_uid, "group": server.pw_gid}
            os.chown(self.root, server.pw_uid, server.pw_gid)

    def _server(self, *args: str) -> None:
        subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            check=True,
            capture_output=True,
            cwd=self.root,
            **self._run_as,  # type: ignore[arg-type]
        )

    def __enter__(self) -> PostgresCluster:
        self._server("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        # a test database: durability off (fsync, full pages) for speed, room for the workers
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        try:
            self._server(
                "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w",
                "start",
            )  # fmt: skip
        except subprocess.CalledProcessError:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._server("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", driver: str = "+psycopg") -> str:
        """A URL (SQLAlchemy's with the driver; libpq's for pg_dump with driver='')."""
        return f"postgresql{driver}://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(driver=""), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self) -> str:
        """A new empty database; returns its name."""
        name = f"test_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, closing any connection still open to it."""
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def tool(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a client program of the same version (pg_dump, pg_restore) as the current user."""
        return subprocess.run(
            [str(self.bindir / name), *args], check=True, capture_output=True, text=True
        )
