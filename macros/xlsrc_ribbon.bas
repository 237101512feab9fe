Attribute VB_Name = "xlsrc_ribbon"
' Callbacks of the xlsrc ribbon tab (customUI14.xml onAction attributes).
' Each runs one entry point of the Python module xlsrc.ribbon through xlwings;
' the Python side finds the clicked-from workbook with xw.Book.caller().
Option Explicit

Public Sub XlsrcGenerateStatusSheet(control As IRibbonControl)
    RunPython "import xlsrc.ribbon; xlsrc.ribbon.generate_status_sheet()"
End Sub

Public Sub XlsrcRecalculate(control As IRibbonControl)
    RunPython "import xlsrc.ribbon; xlsrc.ribbon.recalculate()"
End Sub

Public Sub XlsrcValidate(control As IRibbonControl)
    RunPython "import xlsrc.ribbon; xlsrc.ribbon.validate()"
End Sub

Public Sub XlsrcExportPdf(control As IRibbonControl)
    RunPython "import xlsrc.ribbon; xlsrc.ribbon.export_pdf()"
End Sub

Public Sub XlsrcUdfHelp(control As IRibbonControl)
    RunPython "import xlsrc.ribbon; xlsrc.ribbon.udf_help()"
End Sub
