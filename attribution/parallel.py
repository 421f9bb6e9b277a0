"""Map a function over documents on several cores: in order, streamed, in bounded memory.

:func:`ordered_map` is what ``attribution analyze --jobs N`` and
``analyze_many(..., jobs=N)`` run on. Documents are sent to worker processes
in chunks, and at most ``window`` chunks are in flight at any time, so
reading the input, the work and writing the output overlap while memory stays
flat however long the input is: the input is read at most a window ahead of
the results handed on. It is read on a thread of its own, so a result goes
out as soon as it is ready even while the next item of a slow stream (a
pipe) is awaited.

The workers ignore SIGINT: Ctrl-C interrupts the process that iterates, which
shuts the pool down; the workers finish the chunks already handed to them
(up to two each, a fraction of a second for news) and exit.

Why not :meth:`multiprocessing.pool.Pool.imap`: its feeder thread drains the
input iterator as fast as it can, so a corpus larger than memory would be
read whole, and a worker that dies (killed for memory, a crash in C code)
leaves it waiting forever. :class:`concurrent.futures.ProcessPoolExecutor`
reports a dead worker, and the window here bounds what is read ahead.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from multiprocessing.context import BaseContext
from queue import Empty, SimpleQueue
from typing import Any, TypeVar

from attribution.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_CHUNKSIZE = 8
WINDOW_PER_JOB = 4  # chunks in flight per worker: enough to keep every core busy
# How long a short chunk waits for the rest of it when a worker is idle (seconds):
# long enough for a file's next lines, short beside a document's analysis.
_SHORT_CHUNK_WAIT = 0.02


def available_cores() -> int:
    """Return the number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_jobs(jobs: int) -> int:
    """Return the number of worker processes for ``jobs`` (0 means one per core).

    Raises:
        ConfigError: for a negative number, or one that is not a whole number.
    """
    if not isinstance(jobs, int):
        msg = f"jobs must be a whole number, got {jobs!r}"
        raise ConfigError(msg)
    if jobs < 0:
        msg = f"jobs must be 0 (one per core) or a positive number, got {jobs}"
        raise ConfigError(msg)
    return available_cores() if jobs == 0 else jobs


def _run_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(item) for item in chunk]


def _start_worker(initializer: Callable[[], object] | None) -> None:
    # Ctrl-C signals the whole foreground process group: the process that
    # iterates handles it and stops the workers, which must not die mid-task
    # with tracebacks of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer()


class _Workers:
    """A process pool that can be replaced when one of its workers dies.

    Forking a process while another thread holds a lock copies the lock, held
    for good, into the child (a worker closes its standard input as it starts,
    say, whose lock a thread reading it holds). So the first pool starts all
    its workers at once, before the input's reader thread starts. A
    replacement pool forks them too when the reader is between two items
    (``gate`` free); when it is inside the input's iterator, the workers start
    from a fresh server process ("forkserver", or "spawn" where there is none),
    as on Windows and macOS: not waiting for the input's next item, which may
    be long in coming.
    """

    def __init__(self, jobs: int, initializer: Callable[[], object] | None) -> None:
        self.jobs = jobs
        self.initializer = initializer
        self.gate: threading.Lock | None = None  # held by the reader while it reads
        self.executor = self._start(None)

    def _start(self, context: BaseContext | None) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=context,
            initializer=partial(_start_worker, self.initializer),
        )
        # With "fork", the first task starts every worker (with "spawn" and
        # "forkserver", which do not fork this process, they start as needed).
        executor.submit(int)
        return executor

    def restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        if self.gate is None or self.gate.acquire(blocking=False):
            try:
                self.executor = self._start(None)
            finally:
                if self.gate is not None:
                    self.gate.release()
            return
        methods = multiprocessing.get_all_start_methods()
        method = "forkserver" if "forkserver" in methods else "spawn"
        self.executor = self._start(multiprocessing.get_context(method))

    def close(self) -> None:
        # The tasks not yet started are cancelled; a worker finishes the chunk
        # it has (terminating it mid-task could leave the pool's queue full,
        # and this process waiting on it for ever at exit).
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

    With ``jobs`` above 1, ``items`` is read on a thread of its own: an
    iterator bound to its thread (a ``sqlite3`` cursor) should be read into a
    list or a queue first, and one over standard input should read a reader
    of its own (``open(sys.stdin.fileno(), "rb", closefd=False)``), not
    ``sys.stdin``, whose lock the interpreter takes at exit. A pool replaced
    while the input is awaited starts its workers by "forkserver": guard a
    script's main code with ``if __name__ == "__main__":``, as
    :mod:`multiprocessing` asks.

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


_ITEM, _END, _FAILED, _DONE = range(4)  # what the main loop waits for
_Event = tuple[int, Any]


class _Reader:
    """Read the input on a thread, at most ``limit`` items ahead of the results handed on.

    A reader of its own lets the results of what has been read go out while
    the next item is awaited: a slow stream (a pipe, a crawler) shows each
    result as soon as it is ready, not once a window's worth has been read.
    Every item read, the input's end and an error raised by the input are
    put on ``events``, in order.
    """

    def __init__(self, items: Iterator[Any], limit: int, events: SimpleQueue[_Event]) -> None:
        self.events = events
        self.room = threading.Semaphore(limit)
        self.gate = threading.Lock()  # held while the input is read
        self.stopped = False
        thread = threading.Thread(target=self._run, args=(items,), name="attribution-reader")
        thread.daemon = True  # blocked on a stream that never ends, it must not keep us alive
        thread.start()

    def _run(self, items: Iterator[Any]) -> None:
        try:
            while True:
                self.room.acquire()
                if self.stopped:
                    return
                try:
                    with self.gate:
                        item = next(items)
                except StopIteration:
                    self.events.put((_END, None))
                    return
                self.events.put((_ITEM, item))
        except BaseException as err:  # raised where the item would have been
            self.events.put((_FAILED, err))

    def handed_on(self, count: int) -> None:
        """Let the reader read ``count`` items further."""
        for _ in range(count):
            self.room.release()

    def stop(self) -> None:
        self.stopped = True
        self.room.release()


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
    events: SimpleQueue[_Event] = SimpleQueue()
    reader = _Reader(items, window * chunksize, events)
    workers.gate = reader.gate
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    read: list[T] = []  # items read but not yet sent
    ended = False
    failure: BaseException | None = None  # what the input raised, after the items before it

    def done(_: Future[list[R]]) -> None:
        events.put((_DONE, None))

    def send(chunk: list[T]) -> Iterator[R]:
        try:
            future = workers.executor.submit(_run_chunk, fn, chunk)
        except BrokenProcessPool:  # the pool broke as the chunk was sent
            pending.append((chunk, Future()))
            yield from redo()
            return
        pending.append((chunk, future))
        future.add_done_callback(done)

    def redo() -> Iterator[R]:
        # The pool broke, while a chunk ran or as one was sent: every chunk in
        # flight is lost with it. Run them again, in order and one item at a
        # time, so only the item that kills a worker again is given up on.
        lost = [c for c, _ in pending]
        pending.clear()
        workers.restart()
        for chunk in lost:
            for item in chunk:
                yield _isolated(workers, fn, item, on_crash)
            reader.handed_on(len(chunk))

    try:
        while True:
            # Results go out in input order, each as soon as it and all before it are in.
            while pending and pending[0][1].done():
                head, future = pending[0]
                try:
                    results = future.result()
                except BrokenProcessPool:
                    yield from redo()
                    break
                pending.popleft()
                reader.handed_on(len(head))
                yield from results
            if ended and not pending and not read:
                if failure is not None:
                    raise failure
                return
            # Full chunks go out while the window has room; a short one too at the
            # end, or when a worker is idle and no more input comes for a moment,
            # so that a slow stream flows.
            while read and len(pending) < window and (len(read) >= chunksize or ended):
                chunk, read = read[:chunksize], read[chunksize:]
                yield from send(chunk)
            short = bool(read) and len(pending) < window
            idle = short and sum(not f.done() for _, f in pending) < jobs
            try:
                kind, value = events.get(timeout=_SHORT_CHUNK_WAIT if idle else None)
            except Empty:
                chunk, read = read, []
                yield from send(chunk)
                continue
            while True:  # the next item, the input's end, or a result; and all that came
                if kind == _ITEM:
                    read.append(value)
                elif kind == _END:
                    ended = True
                elif kind == _FAILED:
                    ended, failure = True, value
                try:
                    kind, value = events.get_nowait()
                except Empty:
                    break
    finally:
        reader.stop()
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
