"""Custom-function calls on the wire: JSON in, registry calls, JSON out.

The add-in's batching (``officejs/src/batch.js``) sends every call of one
calculation pass as ``{"calls": [{"function": "XS_BANDS", "args": [...]}, ...]}``;
the answer is ``{"results": [...]}`` in the same order.  A value is a JSON
number, string, boolean or null (a blank cell), a range is a list of rows, and
an Excel error is ``{"error": "#N/A", "message": "..."}`` wherever a value can
stand.  The message of a whole-call error is the reason the core gave (Finnish),
which Office.js shows on the cell.

Each call goes through :func:`xlsrc.registry.invoke_explained`, the same
function the headless engine and the xlwings adapter call, so a value computed
here is the value ``xlsrc recalc`` writes.  Malformed input is refused (the
request as a whole) rather than guessed at.
"""

from __future__ import annotations

import math
from typing import Any

from xlsrc.core.errors import UnusableInput, XlError
from xlsrc.core.text import Msg, Num, Text
from xlsrc.registry import FunctionSpec, Registry, invoke_explained

#: The most calls one request may carry; the JS batcher splits longer queues.
MAX_CALLS = 5000
#: The most cells (scalars plus range cells) one request may carry.
MAX_CELLS = 2_000_000


class MalformedCalls(UnusableInput):
    """The request body is not a list of calls as the add-in sends them."""


def _cell(value: Any, where: Text) -> Any:
    """One JSON value as a cell of the registry's calling convention."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        number = float(value)
        if not math.isfinite(number):
            raise MalformedCalls(
                Msg("{where}: luku {number} ei ole äärellinen", where=where, number=str(value))
            )
        return number
    if isinstance(value, dict) and "error" in value and set(value) <= {"error", "message"}:
        error = XlError.from_literal(str(value.get("error", "")))
        if error is None:
            raise MalformedCalls(
                Msg(
                    "{where}: tuntematon Excel-virhe {error!r}",
                    where=where,
                    error=str(value.get("error")),
                )
            )
        return error
    raise MalformedCalls(
        Msg(
            "{where}: odotettiin solun arvoa (luku, teksti, totuusarvo, tyhjä tai virhe), "
            "saatiin JSON-{kind}",
            where=where,
            kind=type(value).__name__,
        )
    )


def _range(value: Any, where: Text) -> list[list[Any]]:
    """A range argument: a list of equally long rows (a single value is a 1x1 range)."""
    if not isinstance(value, list):
        return [[_cell(value, where)]]
    rows = [row if isinstance(row, list) else [row] for row in value]
    if not rows or len({len(row) for row in rows}) != 1 or not rows[0]:
        raise MalformedCalls(
            Msg("{where}: alueen rivit puuttuvat tai ovat eri pituisia", where=where)
        )
    return [[_cell(v, where) for v in row] for row in rows]


def decode_args(spec: FunctionSpec, raw: Any, where: Text) -> list[Any]:
    """The positional arguments of one call; trailing blank optionals are left out.

    Office.js passes an omitted optional argument as null, as it passes a blank
    cell; every optional registry argument defaults to None, so leaving a
    trailing None out is the same call either way.
    """
    if not isinstance(raw, list) or len(raw) > len(spec.args):
        raise MalformedCalls(
            Msg(
                "{where}: {signature} ottaa enintään {count} argumenttia",
                where=where,
                signature=spec.signature,
                count=Num(len(spec.args)),
            )
        )
    args: list[Any] = []
    for arg, value in zip(spec.args, raw, strict=False):
        at = Msg("{where}, {argument}", where=where, argument=arg.name)
        if arg.kind == "range":
            args.append(None if value is None and arg.optional else _range(value, at))
        elif isinstance(value, list):
            raise MalformedCalls(Msg("{where}: odotettiin yhtä arvoa, saatiin alue", where=at))
        else:
            args.append(_cell(value, at))
    required = sum(1 for a in spec.args if not a.optional)
    while len(args) > required and args[-1] is None:
        args.pop()
    if len(args) < required:
        raise MalformedCalls(
            Msg(
                "{where}: {signature} tarvitsee vähintään {count} argumenttia",
                where=where,
                signature=spec.signature,
                count=Num(required),
            )
        )
    return args


def encode_value(value: Any, reason: str | None = None) -> Any:
    """A result value as JSON: None is an empty cell (""), errors carry their reason."""
    if isinstance(value, XlError):
        return {"error": value.value, "message": reason or ""}
    if value is None:
        return ""
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        number = float(value)
        return number if math.isfinite(number) else {"error": XlError.NUM.value, "message": ""}
    return {
        "error": XlError.VALUE.value,
        "message": str(Msg("tulos {kind} ei ole solun arvo", kind=type(value).__name__)),
    }


def encode_result(spec: FunctionSpec, value: Any, reason: str | None) -> Any:
    """A whole result: a scalar, or rows padded with #N/A as Excel pads a ragged array."""
    if spec.returns == "array" and isinstance(value, list) and len(value) == 1:
        only = value[0]
        if isinstance(only, list) and len(only) == 1 and isinstance(only[0], XlError):
            return encode_value(only[0], reason)
    if isinstance(value, list | tuple):
        rows = [list(r) if isinstance(r, list | tuple) else [r] for r in value]
        if not rows or not rows[0]:
            return {"error": XlError.CALC.value, "message": str(Msg("tyhjä tulos"))}
        width = max(len(r) for r in rows)
        pad = [XlError.NA]
        return [[encode_value(v) for v in r + pad * (width - len(r))] for r in rows]
    return encode_value(value, reason)


def _cells_in(raw: Any) -> int:
    if isinstance(raw, list):
        return sum(_cells_in(v) for v in raw)
    return 1


def evaluate_calls(registry: Registry, body: Any) -> dict[str, list[Any]]:
    """The answer to one batch request ``body`` (see the module docstring)."""
    calls = body.get("calls") if isinstance(body, dict) else None
    if not isinstance(calls, list):
        raise MalformedCalls(
            Msg("odotettiin {form}", form='{"calls": [{"function": ..., "args": [...]}, ...]}')
        )
    if len(calls) > MAX_CALLS:
        raise MalformedCalls(
            Msg(
                "liian monta kutsua ({count}); enintään {most}",
                count=Num(len(calls)),
                most=Num(MAX_CALLS),
            )
        )
    if _cells_in(calls) > MAX_CELLS:
        raise MalformedCalls(
            Msg("liian monta solua yhdessä pyynnössä; enintään {most}", most=Num(MAX_CELLS))
        )
    results: list[Any] = []
    for index, call in enumerate(calls):
        where = Msg("kutsu {number}", number=index + 1)
        name = call.get("function") if isinstance(call, dict) else None
        if not isinstance(name, str):
            raise MalformedCalls(Msg("{where}: funktion nimi puuttuu", where=where))
        if name not in registry:
            unknown = Msg("{name}: ei xlsrc-funktio", name=name)
            results.append({"error": XlError.NAME.value, "message": str(unknown)})
            continue
        spec = registry.get(name)
        args = decode_args(
            spec, call.get("args", []), Msg("{call} ({name})", call=where, name=spec.name)
        )
        value, reason = invoke_explained(spec, *args)
        results.append(encode_result(spec, value, reason))
    return {"results": results}
