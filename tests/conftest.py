"""Fixtures shared across test folders."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import xlsrc.validation.workbook as validation_workbook


@pytest.fixture(params=["package", "openpyxl"])
def workbook_reader(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Run a test once with each reader ``validate_workbook`` can use: the results must agree.

    A validation test module opts in with ``pytestmark = pytest.mark.usefixtures(
    "workbook_reader")``; every ``validate_workbook`` (and ``xlsrc validate``) in it
    then reads through the engine's package reader, and again through openpyxl.
    """
    monkeypatch.setattr(validation_workbook, "READER", request.param)
    yield str(request.param)
