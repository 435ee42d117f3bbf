"""A problem found in the data: where (file, line) and what to do about it. A warning is a
problem that does not fail the validation (level "warning")."""
from __future__ import annotations

from dataclasses import dataclass

from .messages import say


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # path relative to the repository root, e.g. data/entities/la-poste.yaml
    line: int  # 1-based
    message: str
    level: str = "error"  # or "warning": printed, never failing

    def __str__(self) -> str:
        if self.level == "warning":
            return f"{self.file}:{self.line}: {say('level.warning')}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"

    def github(self) -> str:
        """GitHub Actions workflow command: shows the error (or warning) at its line in a pull request."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        file = self.file.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{self.level} file={file},line={self.line}::{message}"


class DataError(Exception):
    """Raised when a data set does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
