"""Reading inputs in a thread a bounded window ahead of the one writer.

Reading a web archive (inflating gzip, parsing record headers) is serial work of the main
process, like saving; in a thread it overlaps with saving, whose SQLite calls release the GIL.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")
WINDOW = 8  # items read ahead: a few pages of memory at most
_END = object()


def read_ahead(items: Iterator[T], window: int = WINDOW) -> Iterator[T]:
    """The same items in the same order, produced by a reader thread; its errors re-raised here."""
    box: queue.Queue[tuple[BaseException | None, object]] = queue.Queue(maxsize=window)
    stop = threading.Event()

    def put(entry: tuple[BaseException | None, object]) -> bool:
        while not stop.is_set():
            try:
                box.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((None, item)):
                    return
            put((None, _END))
        except BaseException as error:  # handed to the consumer, raised there
            put((error, None))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()  # a generator's cleanup (temporary files) runs in its own thread

    reader = threading.Thread(target=produce, name="read-ahead", daemon=True)
    reader.start()
    try:
        while True:
            error, item = box.get()
            if error is not None:
                raise error
            if item is _END:
                return
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        reader.join()
