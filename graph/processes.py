"""Child processes that must not outlive the process that started them: the embedded store's server
and ingest's extraction workers. Linux asks the kernel to signal them when their parent dies.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from typing import Any

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _prctl() -> Any:
    """libc's prctl, or None where there is none (not Linux)."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def die_with_parent(parent_pid: int, sig: int = signal.SIGKILL) -> None:
    """In a child (e.g. a Pool initializer): receive `sig` when the parent dies, kill -9 included; exit
    now if it already has. The kernel signals when the *thread* that started the child ends."""
    prctl = _prctl()
    if prctl is None:
        return
    prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the request was made
        os._exit(0)


def dies_with_this_process(sig: int = signal.SIGTERM) -> Callable[[], None] | None:
    """A `preexec_fn` for subprocess.Popen doing what `die_with_parent` does, for a program that is not
    Python: the request survives the exec. libc is looked up here, before the fork (not in the child)."""
    prctl = _prctl()
    if prctl is None:
        return None
    parent = os.getpid()

    def request() -> None:
        prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(0)

    return request


def worker_pool(jobs: int) -> Any:
    """A `spawn` Pool of `jobs` workers that die with this process and say nothing when they do.

    spawn, not fork: the caller may run threads (a progress bar), which fork would copy mid-state. The
    resource tracker (a process multiprocessing starts beside the workers) would warn of "leaked
    semaphores" after a kill -9, as it cleans them up: it is started here with that warning off.
    """
    import multiprocessing
    from multiprocessing import resource_tracker

    saved = os.environ.get("PYTHONWARNINGS")
    os.environ["PYTHONWARNINGS"] = "ignore::UserWarning:multiprocessing.resource_tracker"
    try:
        resource_tracker.ensure_running()
    finally:
        if saved is None:
            del os.environ["PYTHONWARNINGS"]
        else:
            os.environ["PYTHONWARNINGS"] = saved
    return multiprocessing.get_context("spawn").Pool(jobs, die_with_parent, (os.getpid(),))
