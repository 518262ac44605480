"""A throwaway PostgreSQL server for tests and benchmarks, started from the Debian
`postgresql` package's binaries in a temporary folder (as the `postgres` user when run as root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def available() -> bool:
    return _bin("initdb") is not None and _bin("pg_ctl") is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="cunwu-pg-"))
        self.data = self.base / "data"
        self.port = _free_port()
        self._demote = None
        if os.geteuid() == 0:  # initdb refuses to run as root
            user = pwd.getpwnam("postgres")
            os.chown(self.base, user.pw_uid, user.pw_gid)

            def demote():
                os.setgid(user.pw_gid)
                os.setuid(user.pw_uid)
            self._demote = demote

    def _run(self, *cmd: str) -> None:
        subprocess.run(cmd, check=True, capture_output=True, preexec_fn=self._demote, timeout=120,
                       env={"PATH": os.environ.get("PATH", ""), "LC_ALL": "C"})

    def start(self) -> "Server":
        self._run(_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "cunwu", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.base / "server.log"), "-w",
                  "-o", f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 "
                        f"-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                  "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://cunwu@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
