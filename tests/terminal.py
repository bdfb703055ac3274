"""A command in a real pseudo-terminal, driven as a person at a keyboard would drive it.

``Terminal.expect(text)`` waits until the screen shows ``text`` after what was seen before
(escape sequences removed, line ends as ``\\n``); ``type(line)`` types a line and Enter;
``interrupt()`` presses Ctrl-C. The command runs as the terminal's foreground process, so
Ctrl-C reaches it as SIGINT, exactly as in a shell.
"""

from __future__ import annotations

import codecs
import os
import pty
import re
import select
import signal
import time
from pathlib import Path

_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r")


class Terminal:
    def __init__(self, argv: list[str], cwd: Path, timeout: float = 30):
        env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "40"}
        pid, fd = pty.fork()
        if pid == 0:  # the child: the terminal is its controlling terminal
            try:
                os.chdir(cwd)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd, self.timeout = pid, fd, timeout
        self.raw = ""  # everything the command wrote, as written
        # A character of several bytes may come in two reads (readline redraws a line in
        # pieces), so bytes are decoded as one stream, never read by read.
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.seen = 0  # where the next expect starts looking
        self.status: int | None = None

    def _read(self, until: float) -> bool:
        """Read what the command wrote; False when it has closed the terminal."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, until - time.monotonic()))
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the command ended and the terminal is closed
            data = b""
        if not data:
            self.raw += self._decoder.decode(b"", final=True)
            return False
        self.raw += self._decoder.decode(data)
        return True

    @property
    def screen(self) -> str:
        """Everything shown so far, as text."""
        return _ESCAPES.sub("", self.raw)

    def expect(self, text: str) -> str:
        """Wait until ``text`` is shown; return what was shown up to and including it."""
        until = time.monotonic() + self.timeout
        while True:
            at = self.screen.find(text, self.seen)
            if at != -1:
                shown = self.screen[self.seen: at + len(text)]
                self.seen = at + len(text)
                return shown
            if time.monotonic() > until or not self._read(until):
                raise AssertionError(f"waited for {text!r}; the screen since the last match:\n"
                                     f"{self.screen[self.seen:]}")

    def type(self, line: str = "") -> None:
        os.write(self.fd, line.encode("utf-8") + b"\r")

    def interrupt(self) -> None:
        """Ctrl-C, once the command waits for the keyboard. (A signal that comes between the
        prompt and the wait is noticed only at the next key, in Python as in C; a person
        pressing Ctrl-C at a prompt is never that fast.)"""
        until = time.monotonic() + self.timeout
        while not self._waiting() and time.monotonic() < until:
            time.sleep(0.01)  # polls the state; the loop ends as soon as it is reached
        os.write(self.fd, b"\x03")

    def _waiting(self) -> bool:
        """Whether the command sleeps in a read of the terminal (read, select or poll)."""
        try:
            wchan = Path(f"/proc/{self.pid}/wchan").read_text()
        except OSError:
            return True  # no /proc: do not wait
        return any(word in wchan for word in ("poll", "select", "tty_read", "wait_woken"))

    def hang_up(self) -> int:
        """Close the terminal, as closing its window does; return the exit status."""
        os.close(self.fd)
        _, status = os.waitpid(self.pid, 0)
        self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait(self) -> int:
        """Read to the end and return the exit status."""
        until = time.monotonic() + self.timeout
        while time.monotonic() < until and self._read(until):
            pass
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            os.close(self.fd)
