"""Excel-side adapters: everything that only makes sense inside (or for) Excel.

* :mod:`xlsrc.excel.cells` turns cell values between xlwings' Python form and the
  registry's calling convention;
* :mod:`xlsrc.excel.xlwings_udfs` exposes every registry function as an xlwings UDF;
* :mod:`xlsrc.excel.vba` writes the VBA wrapper module xlwings' "Import Functions"
  would create, so the add-in carries its UDF declarations as text;
* :mod:`xlsrc.excel.udf_help` lists the registry for the "function help" sheet;
* :mod:`xlsrc.excel.addin` builds ``xlsrc.xlam`` from the sources in ``macros/``.

None of these import xlwings at module level except the UDF module itself, so
the build and the tests run on machines without Excel.
"""
