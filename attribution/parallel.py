"""Map a function over documents on several cores: in order, streamed, in bounded memory.

:func:`ordered_map` is what ``attribution analyze --jobs N`` and
``analyze_many(..., jobs=N)`` run on. Documents are sent to worker processes
in chunks, and at most ``window`` chunks are in flight at any time, so
reading the input, the work and writing the output overlap while memory stays
flat however long the input is: the input iterator is only advanced when a
chunk's results have been handed on.

Why not :meth:`multiprocessing.pool.Pool.imap`: its feeder thread drains the
input iterator as fast as it can, so a corpus larger than memory would be
read whole, and a worker that dies (killed for memory, a crash in C code)
leaves it waiting forever. :class:`concurrent.futures.ProcessPoolExecutor`
reports a dead worker, and the window here bounds what is read ahead.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TypeVar

from attribution.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_CHUNKSIZE = 8
WINDOW_PER_JOB = 4  # chunks in flight per worker: enough to keep every core busy


def available_cores() -> int:
    """Return the number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_jobs(jobs: int) -> int:
    """Return the number of worker processes for ``jobs`` (0 means one per core).

    Raises:
        ConfigError: for a negative number.
    """
    if jobs < 0:
        msg = f"jobs must be 0 (one per core) or a positive number, got {jobs}"
        raise ConfigError(msg)
    return available_cores() if jobs == 0 else jobs


def _run_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(item) for item in chunk]


class _Workers:
    """A process pool that can be replaced when one of its workers dies."""

    def __init__(self, jobs: int, initializer: Callable[[], object] | None) -> None:
        self.jobs = jobs
        self.initializer = initializer
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, initializer=self.initializer)

    def restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
    window: int | None = None,
    initializer: Callable[[], object] | None = None,
    on_crash: Callable[[T, BaseException], R] | None = None,
) -> Iterator[R]:
    """Yield ``fn(item)`` for every item, in input order, computed on ``jobs`` processes.

    Args:
        fn: a picklable function (defined at module level, or a
            :func:`functools.partial` of one).
        items: any iterable, read lazily: a generator over a file larger
            than memory is fine.
        jobs: worker processes; 1 runs in this process, with no pool;
            0 means one per core.
        chunksize: items sent to a worker at a time.
        window: chunks in flight at most (default four per worker); memory
            holds at most ``window * chunksize`` items and their results.
        initializer: run once in each worker as it starts (to load
            lexicons before the first document, say).
        on_crash: when a worker process dies, the items it may have been
            working on are run again one at a time, and the one that kills a
            worker again gets ``on_crash(item, error)`` as its result. Without
            it, :class:`~concurrent.futures.process.BrokenProcessPool` is raised.

    An exception raised by ``fn`` is raised here, and the pool is shut down.

    >>> list(ordered_map(abs, [-3, 1, -2], jobs=1))
    [3, 1, 2]
    """
    jobs = resolve_jobs(jobs)
    if chunksize < 1:
        msg = f"chunksize must be at least 1, got {chunksize}"
        raise ConfigError(msg)
    if jobs == 1:
        return (fn(item) for item in items)
    return _parallel(
        fn, iter(items), jobs, chunksize, window or WINDOW_PER_JOB * jobs, initializer, on_crash
    )


def _parallel(
    fn: Callable[[T], R],
    items: Iterator[T],
    jobs: int,
    chunksize: int,
    window: int,
    initializer: Callable[[], object] | None,
    on_crash: Callable[[T, BaseException], R] | None,
) -> Iterator[R]:
    workers = _Workers(jobs, initializer)
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    try:
        while True:
            head: list[T] = []  # the chunk whose results are awaited
            unsent: list[T] = []  # a chunk read but not yet handed to the pool
            try:
                while len(pending) < window:
                    unsent = list(islice(items, chunksize))
                    if not unsent:
                        break
                    pending.append((unsent, workers.executor.submit(_run_chunk, fn, unsent)))
                    unsent = []
                if not pending:
                    return
                head, future = pending.popleft()
                results = future.result()
            except BrokenProcessPool:
                # The pool broke, while a chunk ran or as one was sent: every
                # chunk in flight is lost with it. Run them again, in order and
                # one item at a time, so only the item that kills a worker again
                # is given up on.
                redo = [head, *(c for c, _ in pending), unsent]
                pending.clear()
                workers.restart()
                for lost in redo:
                    for item in lost:
                        yield _isolated(workers, fn, item, on_crash)
                continue
            yield from results
    finally:
        workers.close()


def _isolated(
    workers: _Workers,
    fn: Callable[[T], R],
    item: T,
    on_crash: Callable[[T, BaseException], R] | None,
) -> R:
    try:
        return workers.executor.submit(fn, item).result()
    except BrokenProcessPool as err:
        workers.restart()
        if on_crash is None:
            raise
        return on_crash(item, err)
