"""Expected failures, declared at the bottom of the package so every stage may raise them.

A `UserError` is a problem of the input, the options or the machine (not of our code): the CLI
prints it as one line, `sahifa <command>: <where>: <what>`, and exits with its code (1 for data,
2 for usage and environment). Anything else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations

DATA, USAGE = 1, 2


class UserError(Exception):
    """An expected failure: where (a file, optionally its line) and what is wrong."""

    def __init__(self, where: str | None, message: str, code: int = DATA) -> None:
        self.where, self.message, self.code = where, message, code
        super().__init__(f"{where}: {message}" if where else message)
