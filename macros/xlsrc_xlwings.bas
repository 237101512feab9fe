Attribute VB_Name = "xlsrc_xlwings"
' Late-bound bridge from the xlsrc add-in to the xlwings add-in.
'
' The ribbon callbacks call RunPython and the UDF wrappers call XLPy, the names
' xlwings' own VBA uses.  Both are forwarded with Application.Run to the xlwings
' add-in (installed by "xlwings addin install"), instead of a VBA reference to
' it: a reference stores the absolute path of xlwings.xlam on the machine that
' built the file, and a broken reference stops the whole project from compiling.
' This way a missing xlwings add-in costs only a clear message.
' Option Private Module: RunPython and XLPy must not become worksheet functions
' that any open workbook could call from a cell.
Option Explicit
Option Private Module

Private Const XLWINGS_ADDIN As String = "xlwings.xlam"

Private Sub RequireXlwings()
    Dim addin As Object
    On Error Resume Next
    Set addin = Workbooks(XLWINGS_ADDIN)
    On Error GoTo 0
    If addin Is Nothing Then
        Err.Raise vbObjectError + 513, "xlsrc", _
            "The xlwings add-in is not loaded: run  xlwings addin install  and restart Excel."
    End If
End Sub

Public Function RunPython(PythonCommand As String)
    RequireXlwings
    RunPython = Application.Run("'" & XLWINGS_ADDIN & "'!RunPython", PythonCommand)
End Function

Public Function XLPy()
    RequireXlwings
    Set XLPy = Application.Run("'" & XLWINGS_ADDIN & "'!XLPy")
End Function
