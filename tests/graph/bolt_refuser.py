"""A Bolt peer on loopback that answers every login with Neo4j's 'unauthorized' failure.

Neo4j cannot be installed on the build machines; this lets the wrong-password path run through the
real `neo4j` driver (handshake, HELLO/LOGON, FAILURE → AuthError) instead of a mock.
"""

from __future__ import annotations

import socket
import struct
import threading
from types import TracebackType

BOLT_MAGIC = b"\x60\x60\xb0\x17"
UNAUTHORIZED = "Neo.ClientError.Security.Unauthorized"


def _pack_string(text: str) -> bytes:
    data = text.encode("utf-8")
    if len(data) < 16:
        return bytes([0x80 + len(data)]) + data
    if len(data) < 256:
        return b"\xd0" + bytes([len(data)]) + data
    return b"\xd1" + struct.pack(">H", len(data)) + data


def _message(signature: int, fields: dict[str, str]) -> bytes:
    """One chunked PackStream message: a one-field struct holding a small map of strings."""
    body = bytes([0xB1, signature, 0xA0 + len(fields)])
    for key, value in fields.items():
        body += _pack_string(key) + _pack_string(value)
    return struct.pack(">H", len(body)) + body + b"\x00\x00"


SUCCESS = _message(0x70, {"server": "Neo4j/5.26.0", "connection_id": "bolt-refuser"})
FAILURE = _message(0x7F, {"code": UNAUTHORIZED, "message": "The client is unauthorized due to authentication failure."})


def _read_message(conn: socket.socket) -> bytes | None:
    """The next whole message (its chunks joined), or None when the client hung up."""
    body = b""
    while True:
        head = _recv_exactly(conn, 2)
        if head is None:
            return None
        size = struct.unpack(">H", head)[0]
        if size == 0:
            if body:
                return body
            continue  # a NOOP keep-alive
        chunk = _recv_exactly(conn, size)
        if chunk is None:
            return None
        body += chunk


def _recv_exactly(conn: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        part = conn.recv(size - len(data))
        if not part:
            return None
        data += part
    return data


class BoltRefuser:
    """`with BoltRefuser() as url:` → bolt://127.0.0.1:PORT that refuses every user name and password."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self.logins = 0

    @property
    def url(self) -> str:
        return f"bolt://127.0.0.1:{self._server.getsockname()[1]}"

    def __enter__(self) -> str:
        self._thread.start()
        return self.url

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._server.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                try:
                    self._session(conn)
                except OSError:
                    pass

    def _session(self, conn: socket.socket) -> None:
        handshake = _recv_exactly(conn, 20)
        if handshake is None or handshake[:4] != BOLT_MAGIC:
            return
        conn.sendall(b"\x00\x00\x00\x05")  # Bolt 5.0: credentials travel in HELLO
        while (message := _read_message(conn)) is not None:
            signature = message[1] if len(message) > 1 else None
            if signature == 0x01:  # HELLO
                self.logins += 1
                conn.sendall(FAILURE)
            elif signature == 0x02:  # GOODBYE
                return
            else:  # RESET and the rest: ignored after a failure, as a server would
                conn.sendall(SUCCESS)
