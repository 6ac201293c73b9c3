"""Cell parsers shared by every importer: one function per property type, each raising
:class:`ValueProblem` with what was expected, so callers can attach file, line and column."""

from __future__ import annotations

import calendar
import re

from partnergraph.model import PropType, PropValue

__all__ = [
    "LIST_SEPARATOR",
    "ValueProblem",
    "parse_date",
    "parse_value",
    "period_end",
    "period_start",
]

LIST_SEPARATOR = "|"
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class ValueProblem(ValueError):
    """A cell that does not parse; the message says what was expected."""


def parse_date(text: str) -> str:
    """Validate ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and return it unchanged."""
    match = _DATE.fullmatch(text)
    if not match:
        raise ValueProblem("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    if not 1000 <= int(year) <= 2999:
        raise ValueProblem("expected a year between 1000 and 2999")
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueProblem("expected a month between 01 and 12")
    if day is not None:
        last = calendar.monthrange(int(year), int(month or 1))[1]
        if not 1 <= int(day) <= last:
            raise ValueProblem(f"expected a day between 01 and {last:02d} for {year}-{month}")
    return text


def period_start(text: str) -> str:
    """First day of a partial date: ``2001`` → ``2001-01-01``."""
    parse_date(text)
    year, _, rest = text.partition("-")
    month, _, day = rest.partition("-")
    return f"{year}-{month or '01'}-{day or '01'}"


def period_end(text: str) -> str:
    """Last day of a partial date: ``2001`` → ``2001-12-31``, ``2024-02`` → ``2024-02-29``."""
    parse_date(text)
    year, _, rest = text.partition("-")
    month, _, day = rest.partition("-")
    month = month or "12"
    day = day or f"{calendar.monthrange(int(year), int(month))[1]:02d}"
    return f"{year}-{month}-{day}"


def _parse_bool(text: str) -> bool:
    folded = text.strip().lower()
    if folded in ("true", "1", "yes", "tak"):
        return True
    if folded in ("false", "0", "no", "nie"):
        return False
    raise ValueProblem("expected true or false")


def parse_value(text: str, kind: PropType) -> PropValue:
    """Parse one non-empty cell as ``kind``."""
    match kind:
        case PropType.STR:
            return text
        case PropType.INT:
            try:
                return int(text)
            except ValueError:
                raise ValueProblem("expected a whole number") from None
        case PropType.FLOAT:
            try:
                number = float(text)
            except ValueError:
                raise ValueProblem("expected a number with a dot for decimals") from None
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueProblem("expected a finite number")
            return number
        case PropType.BOOL:
            return _parse_bool(text)
        case PropType.DATE:
            return parse_date(text)
        case PropType.STR_LIST:
            return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]
