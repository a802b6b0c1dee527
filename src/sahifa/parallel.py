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
from typing import TypeVar

from sahifa.errors import UserError

IN_FLIGHT_PER_WORKER = 3

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")


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
    in_flight: deque[Future] = deque()
    pool = ProcessPoolExecutor(workers, initializer=_ignore_interrupts)
    try:
        for chunk in chunks:
            in_flight.append(pool.submit(function, chunk))
            if len(in_flight) >= IN_FLIGHT_PER_WORKER * workers:
                yield from _result(in_flight.popleft(), died)
        while in_flight:
            yield from _result(in_flight.popleft(), died)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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
