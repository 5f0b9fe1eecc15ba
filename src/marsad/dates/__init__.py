"""Dates in Arabic news text: absolute dates now, relative expressions later; values are ISO strings."""

from marsad.dates.absolute import DateMatch, find_dates, find_publication_date

__all__ = ["DateMatch", "find_dates", "find_publication_date"]
