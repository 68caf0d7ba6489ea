"""Domain errors. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class ZrError(Exception):
    """Base class of every error the user should see as a plain message."""

    exit_code = 1

    def __init__(self, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.details = list(details or [])

    def lines(self) -> list[str]:
        return [self.message, *self.details]


class WorkspaceError(ZrError):
    """No workspace where one is needed, or one where none may be."""


class ConfigError(ZrError):
    """A workspace or bundled file is malformed; details point at file and line."""


class InputError(ZrError):
    """A value typed on the command line is not acceptable."""


class NameNotFound(InputError):
    """A person or department name matches nothing."""


class NameAmbiguous(InputError):
    """A name matches several people."""


class LockTimeout(ZrError):
    """Another zr process holds the workspace lock for too long."""
