"""The time a question looks at, as one value from the route to the store and into cache keys.

A chain of evidence (or a path) has a period: the intersection of the periods of everything in
it. :class:`Window` says which periods an answer admits: those containing one day (``at``),
those overlapping a period (``start``–``end``), or all of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from partnergraph.errors import QueryError

__all__ = ["ALL_TIME", "Window"]


@dataclass(frozen=True)
class Window:
    """The time an answer looks at: one day (``at``), a period (``start``–``end``) or all time.

    A chain is admitted when its own period contains the day, or overlaps the period.
    """

    at: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    @classmethod
    def of(cls, at: dt.date | None, period: tuple[dt.date, dt.date] | None) -> Window:
        """The window of a question asked on one day, over a period, or for all time.

        Raises
        ------
        QueryError
            Both a day and a period, or a period that ends before it starts.
        """
        if period is None:
            return cls(at=at)
        if at is not None:
            raise QueryError("give either a day (at) or a period, not both")
        start, end = period
        if start > end:
            raise QueryError(f"the period ends before it starts ({start} > {end})")
        return cls(start=start, end=end)

    def admits(self, lo: str | None, hi: str | None) -> bool:
        """Whether a period (ISO dates, open ends None) is seen through this window; an empty
        period (``lo`` after ``hi``: parts that never overlapped) never is."""
        if lo is not None and hi is not None and lo > hi:
            return False
        if self.at is not None:
            day = self.at.isoformat()
            return (lo is None or lo <= day) and (hi is None or day <= hi)
        if self.start is not None and hi is not None and hi < self.start.isoformat():
            return False
        return not (self.end is not None and lo is not None and lo > self.end.isoformat())

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        if self.start is None or self.end is None:
            return None
        return (self.start, self.end)

    @property
    def key(self) -> tuple[str | None, str | None, str | None]:
        """The window as ISO strings: for cache keys and query parameters."""
        return (
            self.at.isoformat() if self.at else None,
            self.start.isoformat() if self.start else None,
            self.end.isoformat() if self.end else None,
        )


#: The window of a question about all time (every period admitted).
ALL_TIME = Window()
