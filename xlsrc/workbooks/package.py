"""Saving a workbook reproducibly and safely.

openpyxl stamps the save time into ``docProps/core.xml`` and gives every zip
entry the current local time, so two builds of the same template differ.
:func:`reproducible_bytes` fixes both (and the author fields), so a template
rebuilt from code is byte-for-byte the committed file.  The package is read
back through :mod:`xlsrc.ooxml`, like every package xlsrc reads; writing goes
through :func:`xlsrc.io.atomic.write_atomic`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl.workbook.workbook import Workbook

from xlsrc.core.text import tr
from xlsrc.ooxml.archive import archive_from_bytes

#: The timestamp every built workbook carries (created, modified).
BUILD_TIME = dt.datetime(2024, 1, 1, 0, 0, 0)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
AUTHOR = "xlsrc"


def reproducible_bytes(workbook: Workbook) -> bytes:
    """The .xlsx bytes of ``workbook`` with fixed timestamps and authorship."""
    props = workbook.properties
    props.creator = AUTHOR
    props.lastModifiedBy = AUTHOR
    props.created = BUILD_TIME
    props.modified = BUILD_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return normalise_package(buffer.getvalue())


def normalise_package(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry dates and the fixed modification time."""
    stamp = BUILD_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = archive_from_bytes(data, tr("rakennettu työkirja"))
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in source.names:
                payload = source.read(name)
                if name == "docProps/core.xml":
                    payload = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", payload)
                entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.create_system = 0
                entry.external_attr = 0
                target.writestr(entry, payload)
    finally:
        source.close()
    return out.getvalue()
