"""The sample corpus's whole-store document, built once for the export tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def sample_doc(sample_store):
    from marsad.export import document_of

    return document_of(sample_store)
