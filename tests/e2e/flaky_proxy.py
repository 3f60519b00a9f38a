"""A bad link on loopback: an asyncio TCP proxy that delays, throttles and cuts connections.

``FlakyProxy(target_port, bps=9600, cut_every=4096, delay=0.05)`` listens on 127.0.0.1 (a free
port) and forwards to 127.0.0.1:target_port. Each direction is throttled to ``bps`` bits per
second (9.6 kbit/s = 1,200 bytes/s: an old GSM data link), every chunk waits ``delay`` seconds
first, and a connection is cut (both sides closed, no goodbye) once it has carried
``cut_every`` bytes in total, so a request bigger than that can never pass in one piece.
``cut_every=(2048, 6144)`` cuts each connection at its own point drawn between the two
(uniformly, from a seeded generator: the same run cuts at the same points).

Runs its own event loop in a daemon thread; use as a context manager. ``stats`` counts bytes
forwarded each way and connections cut.
"""

from __future__ import annotations

import asyncio
import random
import socket
import threading
import time
from typing import Any


class FlakyProxy:
    def __init__(
        self,
        target_port: int,
        *,
        bps: int = 9600,
        cut_every: int | tuple[int, int] | None = 4096,
        delay: float = 0.05,
        chunk: int = 256,
        seed: int = 15,
    ) -> None:
        self.target_port = target_port
        self.rate = bps / 8.0  # bytes per second, each direction
        self.cut_every = cut_every
        self._rng = random.Random(seed)  # test harness only: not a secret
        self.delay = delay
        self.chunk = chunk
        self.stats: dict[str, Any] = {"up": 0, "down": 0, "connections": 0, "cuts": 0}
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._ready = threading.Event()
        self._server: asyncio.AbstractServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", self.port)
        )
        self._ready.set()
        self._loop.run_forever()

    def __enter__(self) -> FlakyProxy:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        async def stop() -> None:
            if self._server is not None:
                self._server.close()

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.stats["connections"] += 1
        try:
            up_r, up_w = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.close()
            return
        limit = self.cut_every
        if isinstance(limit, tuple):
            limit = self._rng.randint(*limit)
        conn = {"carried": 0, "cut": False}
        writers = (writer, up_w)

        async def pump(src: asyncio.StreamReader, dst: asyncio.StreamWriter, way: str) -> None:
            try:
                while not conn["cut"]:
                    data = await src.read(self.chunk)
                    if not data:
                        break
                    if self.delay:
                        await asyncio.sleep(self.delay)
                    if limit is not None:
                        room = limit - conn["carried"]
                        if len(data) >= room:
                            data = data[: max(room, 0)]
                            if not conn["cut"]:
                                self.stats["cuts"] += 1
                            conn["cut"] = True
                    await asyncio.sleep(len(data) / self.rate)  # the throttle
                    conn["carried"] += len(data)
                    self.stats[way] += len(data)
                    if data:
                        dst.write(data)
                        await dst.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                for w in writers:  # either side ending (or a cut) ends both
                    if conn["cut"]:
                        transport = w.transport
                        if transport is not None:
                            transport.abort()
                    else:
                        w.close()

        await asyncio.gather(pump(reader, up_w, "up"), pump(up_r, writer, "down"))


def wait_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port}")
