"""XML's five entities and character references, resolved as XML resolves them (stdlib only).

Shared by the text scan of worksheets and the formula-length pre-check, which
both see element text with its entities still in place.
"""

from __future__ import annotations

import re

_REFERENCE = re.compile(r"&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def resolve_entities(text: str) -> str:
    """``text`` with entities resolved (``&#128;`` is U+0080, not HTML's euro sign)."""
    if "&" not in text:
        return text
    if "&#" in text:
        return _REFERENCE.sub(_resolve, text)
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _resolve(match: re.Match[str]) -> str:
    decimal, hexadecimal, name = match.groups()
    if name:
        return _NAMED[name]
    return chr(int(decimal) if decimal else int(hexadecimal, 16))
