"""A local Arize Phoenix server for the end-to-end test and ``make demo-phoenix``.

Phoenix lives in its own virtualenv (``make phoenix`` builds ``.venv-phoenix``) because its
dependencies are heavy and unrelated to this package's. ``Phoenix`` starts ``phoenix serve`` on
free loopback ports with a throw-away working directory and telemetry off, waits until it is
healthy, and stops its whole process group on exit::

    with Phoenix() as base_url:           # http://127.0.0.1:PORT; OTLP/HTTP at /v1/traces
        ...
"""

from __future__ import annotations

import os
import pathlib
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from types import TracebackType

__all__ = ["PHOENIX_EXECUTABLE", "Phoenix", "PhoenixError"]

PHOENIX_EXECUTABLE = pathlib.Path(".venv-phoenix") / "bin" / "phoenix"
"""Where ``make phoenix`` puts the executable, relative to the repository root."""


class PhoenixError(RuntimeError):
    """Phoenix is not installed, exited, or did not become healthy in time."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Phoenix:
    """Run ``phoenix serve`` for the duration of a ``with`` block.

    ``executable`` defaults to ``.venv-phoenix/bin/phoenix`` under the current directory;
    ``start_timeout`` bounds the wait for ``/healthz`` (Phoenix imports for 10-50 s here).
    """

    def __init__(
        self, executable: str | os.PathLike[str] | None = None, *, start_timeout: float = 120.0
    ) -> None:
        self.executable = pathlib.Path(executable or PHOENIX_EXECUTABLE)
        self.start_timeout = start_timeout
        self.base_url = ""
        """``http://127.0.0.1:PORT`` once started."""
        self._process: subprocess.Popen[bytes] | None = None
        self._workdir: tempfile.TemporaryDirectory[str] | None = None

    @property
    def log(self) -> str:
        """What Phoenix printed so far."""
        if self._workdir is None:
            return ""
        path = pathlib.Path(self._workdir.name) / "phoenix.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start(self) -> str:
        """Start Phoenix and wait until it is healthy; returns its base URL."""
        if not self.executable.exists():
            raise PhoenixError(f"{self.executable} is missing: run `make phoenix` to build it")
        port, grpc_port = _free_port(), _free_port()
        self._workdir = tempfile.TemporaryDirectory(prefix="phoenix-")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "PHOENIX_"))}
        env.update(
            PHOENIX_HOST="127.0.0.1",
            PHOENIX_PORT=str(port),
            PHOENIX_GRPC_PORT=str(grpc_port),
            PHOENIX_WORKING_DIR=self._workdir.name,
            PHOENIX_TELEMETRY_ENABLED="false",
        )
        log_path = pathlib.Path(self._workdir.name) / "phoenix.log"
        with log_path.open("wb") as log:
            self._process = subprocess.Popen(
                [str(self.executable), "serve"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + self.start_timeout
        while True:
            code = self._process.poll()
            if code is not None:
                log_text = self.log
                self.stop()
                raise PhoenixError(f"phoenix exited with {code}:\n{log_text}")
            try:
                urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2).close()
                return self.base_url
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise PhoenixError(
                        f"phoenix not healthy after {self.start_timeout:.0f} s"
                    ) from None
                time.sleep(0.25)

    def stop(self) -> None:
        """Stop Phoenix's process group (TERM, then KILL) and remove its working directory."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)
        if self._workdir is not None:
            self._workdir.cleanup()
            self._workdir = None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
