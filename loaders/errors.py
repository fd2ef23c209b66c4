"""The one error hierarchy of policygraph, in the bottom layer every layer imports.

Library code raises these; only the CLI catches them, prints one line and exits non-zero.
"""


class PolicyGraphError(Exception):
    """Root of every error policygraph raises on purpose."""

    exit_code = 1


class ParseError(PolicyGraphError):
    """Input that cannot be read as a document (binary, undecodable)."""


class StoreError(PolicyGraphError):
    """A graph store failed or could not be reached."""

    exit_code = 2


class QueryError(PolicyGraphError):
    """An unknown query, a missing parameter, or refused Cypher."""


class ConfigError(PolicyGraphError):
    """Bad options or settings."""

    exit_code = 2
