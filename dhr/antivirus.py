"""Asks ClamAV's clamd whether a file is safe, with its INSTREAM command (clamd(8)): the file
goes in chunks, each after its length as four bytes in network order, ended by a zero length;
clamd answers "stream: OK" or "stream: <signature> FOUND". The protocol is these few lines;
the Python clients for it (clamd, pyClamd) have had no release since 2017 and 2013."""

import socket
import struct
from typing import BinaryIO

CHUNK_BYTES = 64 * 1024
# clamd answers one line; a longer one is not clamd.
MAX_ANSWER_BYTES = 4096


class ScanFailed(Exception):
    """clamd could not be reached, or did not give a verdict (it ran out of time, or the file
    is longer than its StreamMaxLength)."""


def scan(stream: BinaryIO, *, address: str, timeout: float) -> str | None:
    """The name of what clamd found in `stream` (read from where it is), or None when it
    found nothing. Raises ScanFailed when there is no verdict."""
    try:
        with _connect(address, timeout) as connection:
            # "z": the command and its answer end with a NUL byte, not a newline.
            connection.sendall(b"zINSTREAM\0")
            while chunk := stream.read(CHUNK_BYTES):
                connection.sendall(struct.pack("!L", len(chunk)) + chunk)
            connection.sendall(struct.pack("!L", 0))
            answer = _read_answer(connection)
    except OSError as error:
        raise ScanFailed(f"clamd at {address}: {error!r}") from error
    if answer == "stream: OK":
        return None
    if answer.startswith("stream: ") and answer.endswith(" FOUND"):
        return answer.removeprefix("stream: ").removesuffix(" FOUND")
    raise ScanFailed(f"clamd at {address} answered {answer!r}")


def _connect(address: str, timeout: float) -> socket.socket:
    """A Unix socket for a path (/run/clamav/clamd.ctl), TCP for host:port (clamav:3310)."""
    if address.startswith("/"):
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(timeout)
        try:
            connection.connect(address)
        except OSError:
            connection.close()
            raise
        return connection
    host, _, port = address.rpartition(":")
    return socket.create_connection((host.strip("[]"), int(port)), timeout=timeout)


def _read_answer(connection: socket.socket) -> str:
    answer = b""
    while not answer.endswith(b"\0") and len(answer) < MAX_ANSWER_BYTES:
        data = connection.recv(MAX_ANSWER_BYTES)
        if not data:
            break
        answer += data
    return answer.rstrip(b"\0\n").decode("utf-8", "replace").strip()
