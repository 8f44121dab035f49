"""A raw HTTP server on 127.0.0.1 for tests of hostile replies: every byte on the wire is scripted.

http.server cannot send a malformed status line, drip a reply byte by byte or lie about
its length; a server that writes to the socket itself can. Each request is answered by
the next scripted reply (or the default one); the server records what it was asked and
whether the client hung up before a reply was complete.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


@dataclass
class Wire:
    """One connection's sending side, as a reply function sees it."""

    conn: socket.socket
    stop: threading.Event
    sent: int = 0
    #: the client closed the connection before the reply was complete
    hung_up: bool = False

    def write(self, data: bytes) -> bool:
        try:
            self.conn.sendall(data)
        except OSError:  # BrokenPipeError, ConnectionResetError: the client gave up
            self.hung_up = True
            return False
        self.sent += len(data)
        return True

    def drip(self, data: bytes, every: float = 0.002) -> bool:
        """Send ``data`` a byte at a time; stops when the client hangs up or the server closes."""
        for i in range(len(data)):
            if self.stop.is_set() or not self.write(data[i:i + 1]):
                return False
            time.sleep(every)  # the server's pace, not the test's: the client must not wait for it
        return True


Reply = Callable[[Wire, Request], None]


def reply(status: int = 200, body: bytes | str | object = b"[]", *, reason: str | bytes = "OK",
          headers: dict[str, str] | None = None, length: bool = True) -> Reply:
    """A complete reply: status line, headers (Content-Length unless ``length=False``), body."""
    if not isinstance(body, bytes):
        body = body.encode("utf-8") if isinstance(body, str) else json.dumps(body).encode("utf-8")
    reason_bytes = reason if isinstance(reason, bytes) else reason.encode("latin-1")

    def send(wire: Wire, request: Request) -> None:
        head = b"HTTP/1.1 %d %s\r\n" % (status, reason_bytes)
        for name, value in (headers or {"Content-Type": "application/json"}).items():
            head += f"{name}: {value}\r\n".encode("latin-1", "replace")
        if length:
            head += b"Content-Length: %d\r\n" % len(body)
        head += b"Connection: close\r\n\r\n"
        wire.write(head + body)

    return send


@dataclass(repr=False)
class RawServer:
    default: Reply = field(default_factory=reply)
    script: deque = field(default_factory=deque)
    requests: list[Request] = field(default_factory=list)
    wires: list[Wire] = field(default_factory=list)
    host: str = "127.0.0.1"

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._sock = socket.socket()
        self._sock.bind((self.host, 0))
        self._sock.listen(32)
        self._sock.settimeout(0.05)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://{self.host}:{self.port}"
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._serve, daemon=True)
        self._accept.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            thread = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            head = b""
            try:
                while b"\r\n\r\n" not in head and len(head) < 65536:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    head += chunk
            except OSError:
                return
            lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
            method, target, _ = (lines[0].split(" ") + ["", ""])[:3]
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            parts = urlsplit(target)
            request = Request(method, parts.path, parse_qs(parts.query), headers)
            self.requests.append(request)
            action = self.script.popleft() if self.script else self.default
            wire = Wire(conn, self._stop)
            self.wires.append(wire)
            action(wire, request)

    def __repr__(self) -> str:
        return f"RawServer({self.url})"

    def join(self, timeout: float = 10.0) -> None:
        """Wait until every connection so far has been answered (or its client gave up)."""
        for thread in list(self._threads):
            thread.join(timeout=timeout)

    def close(self) -> None:
        self._stop.set()
        self._accept.join(timeout=5)
        for thread in self._threads:
            thread.join(timeout=5)
        self._sock.close()
