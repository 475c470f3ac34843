"""The reader thread that reads inputs ahead of the writer: same order, errors, early stop."""

from __future__ import annotations

import threading

import pytest

from archiver.archive.ahead import read_ahead


def test_items_come_in_order_from_another_thread():
    threads = set()

    def source():
        for n in range(50):
            threads.add(threading.current_thread().name)
            yield n

    assert list(read_ahead(source(), window=3)) == list(range(50))
    assert threads == {"read-ahead"}


def test_an_error_while_reading_is_raised_in_the_writer_after_the_items_before_it():
    def source():
        yield 1
        yield 2
        raise OSError("disk gone")

    got = []
    with pytest.raises(OSError, match="disk gone"):
        for item in read_ahead(source()):
            got.append(item)
    assert got == [1, 2]


def test_a_writer_that_stops_early_stops_the_reader_and_closes_its_source():
    closed = threading.Event()

    def source():
        try:
            n = 0
            while True:
                yield n
                n += 1
        finally:
            closed.set()  # a web archive's temporary copy is removed here

    items = read_ahead(source(), window=2)
    assert [next(items) for _ in range(5)] == [0, 1, 2, 3, 4]
    items.close()
    assert closed.is_set()
    assert not any(t.name == "read-ahead" for t in threading.enumerate())
