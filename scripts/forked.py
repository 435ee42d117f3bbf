"""Work that needs only the loaded data (the data exports, feeds and redirects), done in a
forked process beside the build on large data sets, instead of after it: the fork shares the
loaded data for free, runs at a lower priority than the pages, and the build waits for it at
the end and reports its error, if any, as its own. Also what every process beside the build
shares: whether one can run (`can_work_beside`), stopping one, and the framing of the messages
they exchange through pipes (`frame`, `frames`)."""
from __future__ import annotations

import marshal
import os
import signal
import traceback
from collections.abc import Callable, Iterator

NICENESS = 5  # the pages come first: this work fills the moments a core would be idle


class ForkedError(Exception):
    pass


class Forked:
    def __init__(self, work: Callable[[], None]):
        read_end, write_end = os.pipe()
        self.pid: int | None = os.fork()
        if self.pid == 0:  # the child: work, report, exit without running the parent's cleanup
            os.close(read_end)
            status = 1
            try:
                os.nice(NICENESS)
                work()
                status = 0
            except BaseException as error:  # noqa: BLE001 - every failure goes back to the build
                os.write(write_end, (str(error) or traceback.format_exc()).encode("utf-8", "replace"))
            finally:
                os._exit(status)
        os.close(write_end)
        self.read_end = read_end

    def wait(self) -> None:
        """Returns once the work is done; raises ForkedError with its message if it failed."""
        with os.fdopen(self.read_end, "rb") as stream:
            message = stream.read().decode("utf-8", "replace")
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if status != 0:
            raise ForkedError(message or f"the process stopped with status {status}")

    def close(self) -> None:
        """Stop the work if it still runs (the build failed)."""
        if self.pid:
            stop(self.pid)
            self.pid = None
            os.close(self.read_end)


def stop(pid: int) -> None:
    """Kill a forked process and reap it."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def can_work_beside() -> bool:
    """A second process can take a share of the build: os.fork exists and there is a second core."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2


def run_beside(work: Callable[[], None], large: bool) -> Forked | None:
    """`work` started in a forked process when the data set is large and os.fork exists;
    None: the caller does it itself, in its turn."""
    return Forked(work) if large and can_work_beside() else None


def frame(message: tuple) -> bytes:
    """A message (str, numbers, lists, tuples) as it goes through a pipe: its length, then it."""
    payload = marshal.dumps(message)
    return len(payload).to_bytes(4, "little") + payload


def frames(stream) -> Iterator[tuple]:
    """The messages read from a pipe, until it is closed."""
    while (header := stream.read(4)) and len(header) == 4:
        yield marshal.loads(stream.read(int.from_bytes(header, "little")))
