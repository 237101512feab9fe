"""The one way xlsrc reads a workbook's tables: a source interface and a locator.

:mod:`.source` says what a workbook must offer (sheets, Excel Tables, defined
names, cell values, number formats); an openpyxl file, an open Excel book
(xlwings) and the engine's recalculated package all offer it.  :mod:`.locate`
finds every table of a template layout through its Excel Table name and its
columns through their headers, so validation, the status sheet and
consolidation read the same cells the same way, whatever rows a user added,
deleted or sorted.
"""
