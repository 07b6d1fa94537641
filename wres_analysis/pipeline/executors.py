"""Where notebook tasks execute: a local process pool, or a Dask distributed cluster.

Both run the same `execute_task` on each task and report each outcome as it arrives, so
failure isolation, the progress bar, the log and the failure list are the same whichever
runs them. A worker that dies is recorded against its task; it never stops the others.
On an interrupt the pool is cancelled and every process this one started is stopped.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from .interrupts import raise_if_signalled, signals_deferred, stop_descendants
from .notebook_task import NotebookTask, TaskOutcome, execute_task, init_worker

EXECUTORS = ("local", "dask")
POLL_SECONDS = 0.2  # how long a signal may wait before the run stops for it
OnOutcome = Callable[[NotebookTask, TaskOutcome], None]


def crashed(task: NotebookTask, exc: BaseException) -> TaskOutcome:
    """The outcome of a task whose worker raised or died instead of reporting."""
    return TaskOutcome(
        task.org,
        task.slug,
        False,
        None,
        0.0,
        type(exc).__name__,
        str(exc) or "the worker process stopped unexpectedly",
    )


def run_local(
    tasks: list[NotebookTask], workers: int, kernels_log: Path, on_outcome: OnOutcome
) -> None:
    """Run tasks in a spawned process pool, each worker keeping a warm kernel.

    A signal is taken between waits, never inside the pool's own code (see interrupts)."""
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, context, initializer=init_worker, initargs=(kernels_log,))
    try:
        with signals_deferred():
            order = {pool.submit(execute_task, task): i for i, task in enumerate(tasks)}
            pending: set[Future[TaskOutcome]] = set(order)
            while pending:
                raise_if_signalled()
                done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=order.__getitem__):
                    task = tasks[order[future]]
                    try:
                        outcome = future.result()
                    except Exception as exc:  # a worker died: record it against its task
                        outcome = crashed(task, exc)
                    on_outcome(task, outcome)
    except BaseException:
        with signals_deferred():  # a second signal does not cut the clean-up short
            pool.shutdown(wait=False, cancel_futures=True)
            stop_descendants()
        raise
    pool.shutdown()


def _dask_client(scheduler: str | None, workers: int, kernels_log: Path) -> Any:
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout="30s")
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=40,
    )
    client = Client(cluster)
    client.run(init_worker, kernels_log)
    return client


def run_dask(
    tasks: list[NotebookTask],
    workers: int,
    kernels_log: Path,
    on_outcome: OnOutcome,
    scheduler: str | None = None,
) -> None:
    """Run tasks on a Dask cluster: the one at `scheduler`, else a local one started here.

    Each task writes its notebook where the task says (a shared filesystem across
    machines); the outcome comes back to this process, which keeps the log and manifest.
    """
    from distributed import as_completed as dask_completed

    client = _dask_client(scheduler, workers, kernels_log)
    try:
        futures = {
            client.submit(execute_task, task, key=f"{task.org}-{task.slug}", pure=False): task
            for task in tasks
        }
        for future in dask_completed(list(futures)):
            task = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # the worker raised or died
                outcome = crashed(task, exc)
            on_outcome(task, outcome)
    except BaseException:
        client.cancel(list(futures) if "futures" in locals() else [])
        raise
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()
        if scheduler is None:
            stop_descendants()


def run_tasks(
    executor: str,
    tasks: Iterable[NotebookTask],
    workers: int,
    kernels_log: Path,
    on_outcome: OnOutcome,
    scheduler: str | None = None,
) -> None:
    """Run tasks with the named executor ("local" or "dask")."""
    todo = list(tasks)
    if not todo:
        return
    if executor == "dask":
        run_dask(todo, workers, kernels_log, on_outcome, scheduler)
    else:
        run_local(todo, workers, kernels_log, on_outcome)
