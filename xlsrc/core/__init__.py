"""Pure calculation core: no xlwings, no openpyxl, no I/O.

Excel (through xlwings), the headless engine, the CLI and the tests all call
these functions, so a number computed anywhere is computed the same way.
"""
