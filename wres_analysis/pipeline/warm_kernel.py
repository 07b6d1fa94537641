"""Warm kernels: one Jupyter kernel per worker, reused from one notebook to the next.

Starting a kernel and importing pandas, matplotlib and this package costs more than running
a section notebook. A worker therefore keeps its kernel and, before each notebook, resets
it to the state of a fresh one: the user namespace is cleared (`%reset -f`), the execution
counter goes back to 1 and the working directory to the project root. What stays is only
what the import system caches (modules already imported), which a fresh kernel would import
the same way. tests/test_warm_kernel.py checks that warm and fresh kernels give identical
executed notebooks.

Two things keep a notebook's fixed cost down (scripts/bench_notebooks.py measures it):
- After the imports and after every reset, the objects then alive (the imported modules and
  what they hold) are moved out of the garbage collector's sight (`gc.freeze`). `%reset`
  runs a full collection, twice: over the ~190,000 objects pandas, matplotlib and the
  package create, that took several tenths of a second a notebook here; over the objects
  one notebook leaves behind it takes milliseconds. Frozen objects were alive when frozen,
  so a collection then would not have freed them either, and no output depends on when
  garbage is collected (tests/test_warm_kernel.py: warm and fresh kernels give the same
  notebooks).
- The worker keeps one client (its channels open) for its kernel, instead of starting one
  per notebook and waiting for its IOPub channel to fall quiet (0.2 s each time).

Kernels talk over Unix sockets (ZeroMQ "ipc" transport) in a private temporary folder, not
TCP ports, so kernels started at the same moment cannot race for a port (papermill #511).
The papermill engine "wres-warm" runs a notebook on the worker's kernel.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from multiprocessing.util import Finalize
from pathlib import Path
from typing import Any

from jupyter_client import KernelManager
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger
from papermill.utils import remove_args

ENGINE_NAME = "wres-warm"
FREEZE = "__import__('gc').freeze()\n"
PREIMPORT = (
    "import wres_analysis.display.notebook\nimport wres_analysis.display.charts\n"
    "__import__('gc').collect()\n" + FREEZE
)


def reset_code(cwd: Path) -> str:
    """Code that returns a used kernel to the state of a fresh one (run silently)."""
    return (
        'get_ipython().run_line_magic("reset", "-f")\n'
        "get_ipython().execution_count = 1\n"
        f"__import__('os').chdir({str(cwd)!r})\n" + FREEZE
    )


class WarmKernel:
    """A kernel kept alive for many notebooks; reset before each."""

    def __init__(self, kernel_name: str, cwd: Path, startup_timeout: int = 60):
        self.kernel_name = kernel_name
        self.cwd = cwd
        self._sockets = Path(tempfile.mkdtemp(prefix="wres-kernel-"))
        self.manager = KernelManager(
            kernel_name=kernel_name, transport="ipc", ip=str(self._sockets / "k")
        )
        # No history database: the counter goes back to 1 for each notebook, which a history
        # database would take for a clash of line numbers (and say so in the output).
        self.manager.start_kernel(cwd=str(cwd), extra_arguments=["--HistoryManager.enabled=False"])
        client = self.manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=startup_timeout)
            client.execute_interactive(PREIMPORT, store_history=False, timeout=startup_timeout)
        except BaseException:
            client.stop_channels()
            raise
        client.allow_stdin = False
        self.client = client  # kept open: every notebook on this kernel talks through it

    def alive(self) -> bool:
        """Whether the kernel process is still running."""
        return self.manager.is_alive()

    def shutdown(self) -> None:
        """Stop the kernel and remove its sockets."""
        try:
            self.client.stop_channels()
            if self.manager.has_kernel:
                self.manager.shutdown_kernel(now=True)
        finally:
            shutil.rmtree(self._sockets, ignore_errors=True)


class WarmNotebookClient(PapermillNotebookClient):
    """papermill's client on an already running kernel, through the worker's open client:
    reset first."""

    def __init__(self, nb_man: Any, *, warm: WarmKernel, **kw: Any):
        super().__init__(nb_man, km=warm.manager, **kw)
        self.warm = warm
        self.kc = warm.client  # nbclient starts no client of its own when it has one

    def papermill_execute_cells(self) -> None:
        """Reset the kernel, then execute the cells as papermill does."""
        msg_id = self.kc.execute(
            reset_code(self.warm.cwd), silent=True, store_history=False, allow_stdin=False
        )
        reply = self.wait_for_reply(msg_id)
        if reply is None or reply["content"].get("status") != "ok":
            raise RuntimeError("the warm kernel could not be reset")
        super().papermill_execute_cells()

    def execute(self, **kwargs: Any) -> Any:
        """Execute; the worker's client and kernel stay up for the next notebook."""
        try:
            return super().execute(**kwargs)
        finally:
            self.kc = None


class WarmKernelEngine(NBClientEngine):
    """papermill engine "wres-warm": execute on the worker's warm kernel (`warm=`)."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man: Any,
        kernel_name: str,
        log_output: bool = False,
        stdout_file: Any = None,
        stderr_file: Any = None,
        start_timeout: int = 60,
        execution_timeout: int | None = None,
        **kwargs: Any,
    ) -> Any:
        """As NBClientEngine, with the warm kernel passed in `warm`."""
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        return WarmNotebookClient(
            nb_man,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
            **kwargs,
        ).execute()


papermill_engines.register(ENGINE_NAME, WarmKernelEngine)

_local = threading.local()


def warm_kernel(kernel_name: str, cwd: Path) -> WarmKernel:
    """This worker thread's kernel, started on first use or after it died."""
    kernel: WarmKernel | None = getattr(_local, "kernel", None)
    if kernel is not None and (
        kernel.kernel_name != kernel_name or kernel.cwd != cwd or not kernel.alive()
    ):
        discard_warm_kernel()
        kernel = None
    if kernel is None:
        kernel = WarmKernel(kernel_name, cwd)
        _local.kernel = kernel
        _started.append(kernel)
    return kernel


def discard_warm_kernel() -> None:
    """Shut this thread's kernel down (after a failure, so the next task starts clean)."""
    kernel: WarmKernel | None = getattr(_local, "kernel", None)
    _local.kernel = None
    if kernel is not None:
        kernel.shutdown()


_started: list[WarmKernel] = []


def _shutdown_all() -> None:
    for kernel in _started:
        kernel.shutdown()
    _started.clear()


# Worker processes of multiprocessing (and Dask) leave through os._exit, which skips atexit:
# their exit runs multiprocessing's finalizers instead. Register with both.
atexit.register(_shutdown_all)
Finalize(None, _shutdown_all, exitpriority=10)
