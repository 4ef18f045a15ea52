"""TIMEX3 values as small calendar points: build, shift and format them.

A :class:`Point` is a calendar unit at some granularity (a day, an ISO week, a
month, a quarter, a season, a year, a decade, a century) plus an optional part
of day or clock time. ``str(point)`` is its TIMEX3 value (``2024-01-16``,
``2024-W03``, ``2024-01``, ``2013-Q1``, ``2024-WI``, ``199``, ``2024-01-16TMO``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date as Date
from datetime import timedelta

GRANULARITIES = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "weekend", "day")


@dataclass(frozen=True, slots=True)
class Point:
    gran: str
    year: int
    number: int = 0  # month / quarter / ISO week / half; 0 when unused
    day: int = 0
    season: str = ""  # SP SU FA WI
    clock: str = ""  # "TMO", "T22:00", ...

    # ------------------------------------------------------------------ building
    @classmethod
    def of_day(cls, day: Date) -> Point:
        return cls("day", day.year, day.month, day.day)

    @classmethod
    def of_week(cls, day: Date) -> Point:
        year, week, _ = day.isocalendar()
        return cls("week", year, week)

    @classmethod
    def of_weekend(cls, day: Date) -> Point:
        year, week, _ = day.isocalendar()
        return cls("weekend", year, week)

    @classmethod
    def of_month(cls, year: int, month: int) -> Point:
        return cls("month", year, month)

    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Point:
        return cls("quarter", year, quarter)

    # ------------------------------------------------------------------ queries
    def as_date(self) -> Date | None:
        """The first day covered (None for granularities without one)."""
        return self.span()[0]

    def span(self) -> tuple[Date | None, Date | None]:
        """First and last day covered."""
        try:
            if self.gran == "day":
                day = Date(self.year, self.number, self.day)
                return day, day
            if self.gran in ("week", "weekend"):
                first = Date.fromisocalendar(self.year, self.number, 1 if self.gran == "week" else 6)
                return first, Date.fromisocalendar(self.year, self.number, 7)
            if self.gran == "month":
                return Date(self.year, self.number, 1), _month_end(self.year, self.number)
            if self.gran == "quarter":
                return Date(self.year, 3 * self.number - 2, 1), _month_end(self.year, 3 * self.number)
            if self.gran == "half":
                return Date(self.year, 6 * self.number - 5, 1), _month_end(self.year, 6 * self.number)
            if self.gran == "season":
                months = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}[self.season]
                end_year = self.year + 1 if self.season == "WI" else self.year
                return Date(self.year, months[0], 1), _month_end(end_year, months[1])
            if self.gran == "year":
                return Date(self.year, 1, 1), Date(self.year, 12, 31)
            if self.gran == "decade":
                return Date(self.year, 1, 1), Date(self.year + 9, 12, 31)
            if self.gran == "century":
                return Date(self.year, 1, 1), Date(self.year + 99, 12, 31)
        except ValueError:
            return None, None
        return None, None

    def shift(self, amount: int, unit: str) -> Point | None:
        """This point moved by ``amount`` units, keeping (or coarsening to) a sensible granularity."""
        if amount == 0:
            return self
        if unit == "day":
            day = self.as_date()
            if self.gran != "day" or day is None:
                return None
            return Point.of_day(day + timedelta(days=amount))
        if unit == "week":
            if self.gran == "day":
                return Point.of_week(self.as_date() + timedelta(weeks=amount))
            if self.gran in ("week", "weekend"):
                moved = Date.fromisocalendar(self.year, self.number, 1) + timedelta(weeks=amount)
                return replace(Point.of_week(moved), gran=self.gran)
            return None
        if unit == "month":
            year, month = (self.year, self.number) if self.gran in ("month", "day") else (None, None)
            if year is None:
                return None
            total = year * 12 + (month - 1) + amount
            return Point.of_month(total // 12, total % 12 + 1)
        if unit == "quarter":
            if self.gran == "quarter":
                total = self.year * 4 + (self.number - 1) + amount
                return Point.of_quarter(total // 4, total % 4 + 1)
            return None
        if unit == "year":
            if self.gran == "day":
                try:
                    return Point("year", self.year + amount)
                except ValueError:
                    return None
            if self.gran in ("year", "month", "quarter", "half", "season"):
                return replace(self, year=self.year + amount, clock="")
            if self.gran in ("week", "weekend"):
                return Point("year", self.year + amount)
            return None
        if unit == "decade":
            return Point("decade", (self.year // 10 + amount) * 10)
        if unit == "century":
            return Point("century", (self.year // 100 + amount) * 100)
        return None

    def coarsen(self, gran: str) -> Point:
        """The enclosing point at a coarser granularity (``day`` -> ``month`` ...)."""
        first = self.as_date()
        if first is None or gran == self.gran:
            return self
        if gran == "month":
            return Point.of_month(first.year, first.month)
        if gran == "quarter":
            return Point.of_quarter(first.year, (first.month - 1) // 3 + 1)
        if gran == "week":
            return Point.of_week(first)
        if gran == "year":
            return Point("year", first.year)
        if gran == "decade":
            return Point("decade", first.year // 10 * 10)
        if gran == "century":
            return Point("century", first.year // 100 * 100)
        return self

    def with_clock(self, clock: str) -> Point:
        return replace(self, clock=clock)

    def __str__(self) -> str:
        if self.gran == "day":
            text = f"{self.year:04d}-{self.number:02d}-{self.day:02d}"
        elif self.gran == "week":
            text = f"{self.year:04d}-W{self.number:02d}"
        elif self.gran == "weekend":
            text = f"{self.year:04d}-W{self.number:02d}-WE"
        elif self.gran == "month":
            text = f"{self.year:04d}-{self.number:02d}"
        elif self.gran == "quarter":
            text = f"{self.year:04d}-Q{self.number}"
        elif self.gran == "half":
            text = f"{self.year:04d}-H{self.number}"
        elif self.gran == "season":
            text = f"{self.year:04d}-{self.season}"
        elif self.gran == "year":
            text = f"{self.year:04d}"
        elif self.gran == "decade":
            text = f"{self.year // 10:03d}"
        else:
            text = f"{self.year // 100:02d}"
        return text + self.clock


def _month_end(year: int, month: int) -> Date:
    if month == 12:
        return Date(year, 12, 31)
    return Date(year, month + 1, 1) - timedelta(days=1)


def span_of_value(value: str | None) -> tuple[Date | None, Date | None, str | None]:
    """First day, last day and precision (day|week|month|year) of a TIMEX3 date value."""
    import re

    if not value:
        return None, None, None
    match = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})(?:-WE)?|-Q([1-4])|-H([12])|-(SP|SU|FA|WI))?", value)
    if not match:
        match = re.match(r"(\d{3})$", value)
        if match:
            point = Point("decade", int(match.group(1)) * 10)
            first, last = point.span()
            return first, last, "year"
        return None, None, None
    year = int(match.group(1))
    month, day, week, quarter, half, season = match.group(2, 3, 4, 5, 6, 7)
    if day:
        point, precision = Point("day", year, int(month), int(day)), "day"
    elif month:
        point, precision = Point.of_month(year, int(month)), "month"
    elif week:
        point, precision = Point("week", year, int(week)), "week"
    elif quarter:
        point, precision = Point.of_quarter(year, int(quarter)), "month"
    elif half:
        point, precision = Point("half", year, int(half)), "month"
    elif season:
        point, precision = Point("season", year, season=season), "month"
    else:
        point, precision = Point("year", year), "year"
    first, last = point.span()
    return first, last, precision
