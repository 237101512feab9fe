"""The add-in's icons as PNG bytes, drawn in code so no binary file is kept in git.

Office needs square PNG icons (32 and 64 px for the add-in list, 16/32/80 px for
the ribbon).  Each is the xlsrc green square with a white "x" stroke pattern:
plain enough to draw with the standard library (zlib + the PNG chunk format).
"""

from __future__ import annotations

import struct
import zlib

#: Add-in list icon sizes (IconUrl, HighResolutionIconUrl); the ribbon adds 16 and 80.
ICON_SIZES = (32, 64)
ALL_SIZES = (16, 32, 64, 80)
GREEN = (0x1E, 0x6B, 0x3C)
WHITE = (0xFF, 0xFF, 0xFF)


def icon_name(size: int) -> str:
    return f"icon-{size}.png"


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _pixel(x: int, y: int, size: int) -> tuple[int, int, int]:
    """White on the two diagonals (a cross, the "x" of xlsrc) inside a margin, else green."""
    margin = size // 5
    width = max(1, size // 10)
    inside = margin <= x < size - margin and margin <= y < size - margin
    on_cross = abs(x - y) < width or abs(x + y - (size - 1)) < width
    return WHITE if inside and on_cross else GREEN


def icon_png(size: int) -> bytes:
    """A ``size`` x ``size`` RGB PNG of the xlsrc icon; same bytes every time."""
    rows = b"".join(
        b"\x00" + bytes(c for x in range(size) for c in _pixel(x, y, size)) for y in range(size)
    )
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 9))
        + _chunk(b"IEND", b"")
    )
