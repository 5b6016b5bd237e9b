"""The one exception the command line turns into a one-line message and an exit code."""


class UsageError(Exception):
    """Anything the user can fix: a bad option, a bad file, a bad bank."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
