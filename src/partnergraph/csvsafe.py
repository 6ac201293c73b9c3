"""CSV cells that a spreadsheet opens as text, never as a formula (CSV/formula injection).

Spreadsheet programs evaluate a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, after
some import paths, with a tab or a carriage return) as a formula, so a name like
``=HYPERLINK("http://evil.example","x")`` or ``@SUM(1+1)*cmd|' /C calc'!A0`` in an export can
run code or leak data on the computer of whoever opens it. Every CSV written *for people*
(``partnergraph export --format csv``, the import review files) goes through
:func:`safe_cell`, which follows the OWASP recipe: such a text gets a leading single quote
``'``, which spreadsheets show as text and do not evaluate. Numbers stay numbers (``-3.5`` is
not a formula).

The workspace's normalised CSV (``imports/<name>/``) is read back by partnergraph and must
round-trip exactly, so it is not escaped; instead the importers refuse formula-like values
(``ingest.tabular.text_problem``) before anything reaches it.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["DANGEROUS_PREFIXES", "is_dangerous", "safe_cell", "safe_row"]

#: Leading characters that make a spreadsheet evaluate a cell (OWASP, CSV injection).
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(text: str) -> bool:
    """Whether a spreadsheet could evaluate ``text`` as a formula."""
    return text.startswith(DANGEROUS_PREFIXES)


def safe_cell(value: object) -> str:
    """``value`` as CSV cell text that no spreadsheet evaluates.

    ``None`` is empty, booleans are ``true``/``false``, numbers are written as they are, and
    text starting with ``= + - @``, a tab or a carriage return gets a leading ``'``.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return f"'{text}" if is_dangerous(text) else text


def safe_row(values: Iterable[object]) -> list[str]:
    """:func:`safe_cell` applied to every value of a row."""
    return [safe_cell(value) for value in values]
