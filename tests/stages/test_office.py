"""A speaker named only by office resolves to the person holding it on the article's date."""

from __future__ import annotations

import pytest

from marsad.entities.office import office_holder
from marsad.kb import load_kb


@pytest.mark.parametrize("phrase, date, expected", [
    ("رئيس الوزراء العراقي", "2025-03-01", "محمد شياع السوداني"),
    ("رئيس مجلس الوزراء العراقي", None, "محمد شياع السوداني"),
    ("رئيس الوزراء العراقي", "2019-01-01", "عادل عبد المهدي"),  # the office had another holder then
    ("رئيس الوزراء", "2025-03-01", None),  # which country? several prime ministers
    ("المتحدث باسم الوزارة", "2025-03-01", None),
])
def test_office_holder(phrase, date, expected):
    holder = office_holder(load_kb(), phrase, date)
    assert (holder.canonical if holder else None) == expected
