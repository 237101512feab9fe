"""Template workbooks: their layout as data, and the writer that builds them.

:mod:`xlsrc.workbooks.layouts` describes every template (sheets, tables,
header rows, which column is input, stated or computed, and the formula of
each computed column) as plain data, so that validation, the status-sheet
generator and the tests locate columns by key instead of guessing.
:mod:`xlsrc.workbooks.build` turns a layout (and optionally the bundled seed
rows) into a workbook, byte-for-byte reproducibly.
"""
