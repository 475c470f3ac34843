"""The project's exceptions, each with the exit code the CLI returns for it.

ArchiverError (exit 1)
 ├── InputError (exit 2): an input that cannot be read at all (missing file, empty, binary)
 ├── NotAThreadPage (exit 3): readable, but not a Discuz! thread page
 │    └── TruncatedPage (exit 3): a Discuz! page cut short before its posts
 ├── DiscuzMessage (exit 4): a Discuz! message page instead of the thread
 │    ├── ThreadNotFound (exit 4): 主题不存在或已被删除
 │    ├── NoPermission (exit 5): the viewer may not read the thread or forum
 │    └── LoginRequired (exit 6): the forum wants a login
 ├── FetchError (exit 7): the network or the server failed
 │    ├── HTTPStatusError (exit 7): a status that retries did not cure
 │    └── Unreachable (exit 7): connection refused or no such host; never retried
 ├── StorageError (exit 8): the database cannot be opened or written
 ├── QueryError (exit 9): the user's SQL is wrong (syntax, no such column)
 └── DamagedWebArchive (exit 10): a WARC or WACZ cut short or corrupt part way through
"""

from __future__ import annotations


class ArchiverError(Exception):
    """Base class: a message for one line of stderr and an exit code."""

    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source

    def __str__(self) -> str:
        message = super().__str__()
        return f"{self.source}: {message}" if self.source else message

    def __reduce__(self) -> tuple[object, ...]:
        """Keep source and the other attributes across processes (--jobs workers)."""
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(
    cls: type[ArchiverError], args: tuple[object, ...], state: dict[str, object]
) -> ArchiverError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class InputError(ArchiverError):
    exit_code = 2


class NotAThreadPage(ArchiverError):
    exit_code = 3


class TruncatedPage(NotAThreadPage):
    pass


class DiscuzMessage(ArchiverError):
    """The forum answered with a message page (showmessage) or an API error."""

    exit_code = 4

    def __init__(
        self, message: str, *, source: str | None = None, text: str = "", advice: str = ""
    ) -> None:
        super().__init__(f"{message}: {advice}" if advice else message, source=source)
        self.text = text
        self.said = message  # what the forum said, without the advice

    def advise(self, advice: str) -> None:
        """Say another thing to try (a saved file's, not a URL's)."""
        self.args = (f"{self.said}: {advice}",)


class ThreadNotFound(DiscuzMessage):
    exit_code = 4


class NoPermission(DiscuzMessage):
    exit_code = 5


class LoginRequired(DiscuzMessage):
    exit_code = 6


class FetchError(ArchiverError):
    exit_code = 7


class HTTPStatusError(FetchError):
    def __init__(self, message: str, *, source: str | None = None, status: int = 0) -> None:
        super().__init__(message, source=source)
        self.status = status


class Unreachable(FetchError):
    """Connection refused or a name that does not resolve: trying again soon would not help."""


class StorageError(ArchiverError):
    exit_code = 8


class QueryError(ArchiverError):
    exit_code = 9


class DamagedWebArchive(ArchiverError):
    """A web archive cut short or corrupt: every whole record before `offset` was read."""

    exit_code = 10

    def __init__(self, message: str, *, source: str | None = None, offset: int = 0) -> None:
        super().__init__(message, source=source)
        self.offset = offset
