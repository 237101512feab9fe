"""Helpers shared by the add-in tests: reading the sources back as Excel would."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from xlsrc.excel.addin import CUSTOM_UI_FILE, CUSTOM_UI_NS, build_addin
from xlsrc.excel.vba import macros_dir

MACROS = macros_dir()
CALLBACK_MODULE = MACROS / "xlsrc_ribbon.bas"
#: A ribbon callback as Excel calls it: ``Sub Name(control As IRibbonControl)``.
CALLBACK_SUB = re.compile(
    r"^(?:Public )?Sub (\w+)\(control As IRibbonControl\)\r\n(.*?)^End Sub\r$", re.M | re.S
)
ADDIN_TYPE = b"application/vnd.ms-excel.addin.macroEnabled.main+xml"
XLSM_TYPE = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"


@functools.cache
def built_addin() -> bytes:
    return build_addin(MACROS)


def ribbon_buttons() -> list[etree._Element]:
    root = etree.parse(str(MACROS / CUSTOM_UI_FILE)).getroot()
    return root.findall(f".//{{{CUSTOM_UI_NS}}}button")


def callback_bodies(text: str) -> dict[str, list[str]]:
    """Sub name -> its non-blank body lines, for every IRibbonControl callback."""
    return {
        m.group(1): [line.strip() for line in m.group(2).split("\r\n") if line.strip()]
        for m in CALLBACK_SUB.finditer(text)
    }


def as_xlsm(xlam: bytes) -> bytes:
    """The same package typed as a macro workbook (LibreOffice does not open .xlam)."""
    with zipfile.ZipFile(io.BytesIO(xlam)) as archive:
        members = [(i, archive.read(i)) for i in archive.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info, data in members:
            if info.filename == "[Content_Types].xml":
                assert data.count(ADDIN_TYPE) == 1
                data = data.replace(ADDIN_TYPE, XLSM_TYPE)
            archive.writestr(info, data)
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
