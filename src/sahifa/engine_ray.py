"""The build's conversions on a Ray cluster (`sahifa build --engine ray`), the same ordered,
bounded map as `sahifa.parallel` with Ray tasks in place of a process pool.

The build's steps stay where they are: the driver (the `sahifa build` process) reads the inputs
and sends them in chunks to `convert` tasks, which run `convert_for_build` on any node of the
cluster; it takes the results back in input order and runs the global steps on them, as the
local engine does: duplicate ids, exact and near duplicates (the signatures come from the
tasks, the index is global), the shard writers, the rejects, statistics, card and datasheet. So
the output is the local build's, byte for byte.

The conversion is a pure function of its input, so a task whose worker died (killed, out of
memory, its node lost) is run again by Ray (`MAX_RETRIES`) with the same result; a chunk that
fails more often than that stops the build with one line, and the staging folder keeps the
previous corpus as it was.

Ray is an optional extra (`pip install 'sahifa[ray]'`): it is imported here only when the
engine runs.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from types import ModuleType
from typing import TypeVar

from sahifa.errors import USAGE, UserError
from sahifa.parallel import IN_FLIGHT_PER_WORKER, in_order, worker_count

MAX_RETRIES = 3
"""Runs of a chunk whose worker died, after the first (Ray's default for tasks)."""

INSTALL = "pip install 'sahifa[ray]' (in a clone: pip install -e '.[ray]')"

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")


def ray_module() -> ModuleType:
    """Ray, or one line saying how to install it."""
    try:
        import ray
    except ImportError:
        raise UserError("--engine ray", f"needs Ray, the optional `ray` extra: {INSTALL}",
                        USAGE) from None
    return ray


@contextmanager
def connected(address: str | None, workers: int) -> Iterator[ModuleType]:
    """Ray, connected: to the session this process has already (tests start one), to the
    cluster at `address` (or $RAY_ADDRESS, as `ray` reads it), or to a local one of `workers`
    CPUs (0: every core) that is started here and stopped again at the end."""
    ray = ray_module()
    if ray.is_initialized():
        yield ray
        return
    address = address or os.environ.get("RAY_ADDRESS")
    if address is None:
        ray.init(address="local", num_cpus=worker_count(workers), include_dashboard=False,
                 logging_level=logging.WARNING)  # "local": not a cluster `ray start` left here
    else:
        ray.init(address=address, logging_level=logging.WARNING)
    try:
        yield ray
    finally:
        ray.shutdown()


def _run(function: Callable[[Chunk], list[Result]], chunk: Chunk) -> list[Result]:
    """The `convert` step: one chunk of inputs, on a worker of the cluster."""
    return function(chunk)


def ordered_map(function: Callable[[Chunk], list[Result]], chunks: Iterable[Chunk],
                workers: int, died: str, address: str | None = None) -> Iterator[Result]:
    """The items of `function(chunk)` for every chunk, in order, each chunk a Ray task; at most
    `IN_FLIGHT_PER_WORKER` chunks per CPU of the cluster are submitted ahead of the one being
    read. `died`: what the user is told when a chunk's worker died more than MAX_RETRIES
    times."""
    with connected(address, workers) as ray:
        convert = ray.remote(_run).options(name="convert", max_retries=MAX_RETRIES,
                                           num_cpus=1)
        shared = ray.put(function)
        ahead = IN_FLIGHT_PER_WORKER * max(1, int(ray.cluster_resources().get("CPU", 1)))
        yield from in_order(lambda chunk: convert.remote(shared, chunk),
                            partial(_result, ray, died=died), ray.cancel, chunks, ahead)


def _result(ray: ModuleType, ref, died: str) -> list:
    lost = (ray.exceptions.WorkerCrashedError, ray.exceptions.NodeDiedError,
            ray.exceptions.OutOfMemoryError, ray.exceptions.ObjectLostError,
            ray.exceptions.LocalRayletDiedError)
    try:
        return ray.get(ref)
    except lost as err:
        raise UserError(None, f"{died} ({type(err).__name__}, after {MAX_RETRIES} "
                        "retries)") from None
