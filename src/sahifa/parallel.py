"""An ordered, bounded map over a process pool: the build's conversions and the validator's
record checks run through it.

Results come back in input order. At most `IN_FLIGHT_PER_WORKER × workers` chunks are submitted
ahead of the one being read, so a long input is never read ahead into memory. A worker that dies
(killed, out of memory) stops the run with one line, not a wait for a result that never comes.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, TypeVar

from sahifa.errors import UserError

IN_FLIGHT_PER_WORKER = 3

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")
Pending = TypeVar("Pending")  # a submitted chunk: a Future, a Ray object reference


def worker_count(workers: int) -> int:
    """`workers`, with 0 (the command line's default) meaning every core."""
    return workers or os.cpu_count() or 1


def ordered_map(function: Callable[[Chunk], list[Result]], chunks: Iterable[Chunk],
                workers: int, died: str) -> Iterator[Result]:
    """The items of `function(chunk)` for every chunk, in order; in this process when
    `workers` is 1, else in a pool of that many. `died`: what the user is told when a worker
    dies."""
    if workers <= 1:
        for chunk in chunks:
            yield from function(chunk)
        return
    pool = ProcessPoolExecutor(workers, initializer=_ignore_interrupts)
    try:
        yield from in_order(partial(pool.submit, function), partial(_result, died=died),
                            Future.cancel, chunks, IN_FLIGHT_PER_WORKER * workers)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def in_order(submit: Callable[[Chunk], Pending], collect: Callable[[Pending], list[Result]],
             cancel: Callable[[Pending], Any], chunks: Iterable[Chunk],
             ahead: int) -> Iterator[Result]:
    """The results of every chunk, in order: each chunk is `submit`ted, at most `ahead` before
    the one being `collect`ed; those still pending when the reading stops are `cancel`led.
    Any engine's ordered map (a process pool here, Ray tasks in `engine_ray`)."""
    in_flight: deque[Pending] = deque()
    try:
        for chunk in chunks:
            in_flight.append(submit(chunk))
            if len(in_flight) >= ahead:
                yield from collect(in_flight.popleft())
        while in_flight:
            yield from collect(in_flight.popleft())
    finally:
        for pending in in_flight:
            cancel(pending)


def _result(future: Future, died: str) -> list:
    try:
        return future.result()
    except BrokenProcessPool:
        raise UserError(None, died) from None


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops them (no traceback from each), and
    die of SIGTERM rather than run the handler they inherit from it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
