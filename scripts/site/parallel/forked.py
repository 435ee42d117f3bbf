"""A piece of the build in a forked process beside MkDocs: it shares the loaded data for free,
the build takes its result (str, numbers, lists, dicts) when it needs it, and reports its
error, if any, as its own."""
from __future__ import annotations

import marshal
import os
import signal
import traceback
from collections.abc import Callable
from typing import Any


class ForkedError(Exception):
    pass


class Forked:
    def __init__(self, work: Callable[[], Any], niceness: int = 0):
        """`niceness` > 0: the work yields the cores to the pages (the exports, the feeds)."""
        read_end, write_end = os.pipe()
        self.pid: int | None = os.fork()
        if self.pid == 0:  # the child: work, report, exit without running the parent's cleanup
            os.close(read_end)
            status = 1
            try:
                if niceness:
                    os.nice(niceness)
                report = ("done", work())
                status = 0
            except BaseException as error:  # noqa: BLE001 - every failure goes back to the build
                report = ("failed", str(error) or traceback.format_exc())
            finally:
                try:
                    with os.fdopen(write_end, "wb") as stream:
                        stream.write(marshal.dumps(report))
                finally:
                    os._exit(status)
        os.close(write_end)
        self.read_end = read_end

    def wait(self) -> Any:
        """The work's result, once it is done; ForkedError with its message if it failed."""
        with os.fdopen(self.read_end, "rb") as stream:
            raw = stream.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        outcome, value = marshal.loads(raw) if raw else ("failed", "")
        if status != 0 or outcome != "done":
            raise ForkedError(value or f"the process stopped with status {status}")
        return value

    def close(self) -> None:
        """Stop the work if it still runs (the build failed)."""
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None
            os.close(self.read_end)
