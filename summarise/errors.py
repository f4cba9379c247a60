"""One error root; the CLI maps these to exit codes and one-line messages (texts: messages.py, `err.*`)."""


class SummariseError(Exception):
    """Base of every error the tool reports to a user."""

    exit_code = 1


class InputError(SummariseError):
    """The input cannot be read as a report (missing, directory, binary, empty, undecodable)."""

    exit_code = 2


class UsageError(SummariseError):
    """A flag or argument combination that cannot work."""

    exit_code = 2


class ConfigError(SummariseError):
    """Settings are missing or contradictory (e.g. --engine llm with no endpoint)."""

    exit_code = 2


class EngineError(SummariseError):
    """An engine failed in a way that retries could not fix."""

    exit_code = 1


class OutputError(SummariseError):
    """The output cannot go where it was asked to (a directory, a full disk, a folder we may not write)."""

    exit_code = 2


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the interface language for the common cases (ENOENT, EACCES, ENOSPC…),
    else in the system's own words."""
    import errno

    from .i18n import say

    name = errno.errorcode.get(exc.errno or 0, "")
    try:
        return say(f"err.os.{name}")
    except KeyError:
        return exc.strerror or str(exc)
