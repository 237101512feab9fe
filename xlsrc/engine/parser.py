"""Tokens -> expression tree (nested tuples), with Excel's operator precedence.

Node shapes (first item is the kind):
  ("num", float) ("str", text) ("bool", b) ("err", XlError) ("missing",)
  ("ref", sheet|None, r1, c1, r2, c2, flags)     # from the lexer, host-relative
  ("name", sheet|None, name) ("struct", table|None, body)
  ("array", rows)                                 # rows of constant nodes
  ("neg", x) ("pct", x) ("ii", x)                 # unary minus, percent, @
  ("bin", op, a, b) ("range", a, b) ("call", NAME, args)

Precedence, loosest first: comparison, &, + -, * /, ^, unary -, %, ':'.
(Excel binds unary minus tighter than ^, so -2^2 is 4.)
"""

from __future__ import annotations

from typing import Any

from xlsrc.engine import messages
from xlsrc.engine.errors import FormulaSyntaxError
from xlsrc.engine.lexer import Token

Node = tuple[Any, ...]

_BINARY = {
    "=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1,
    "&": 2,
    "+": 3, "-": 3,
    "*": 4, "/": 4,
    "^": 5,
}  # fmt: skip
_UNARY = 6
_LITERALS = ("num", "str", "bool", "err")


def parse(tokens: tuple[Token, ...]) -> Node:
    parser = _Parser(tokens)
    node = parser.expression(0)
    if parser.pos != len(tokens):
        token = tokens[parser.pos]
        raise FormulaSyntaxError(messages.unexpected(_describe(token)))
    return node


def _describe(token: Token) -> str:
    kind = token[0]
    if kind in ("ref", "struct"):
        return messages.reference_token()
    if kind == "name":
        return messages.name_token(token[2])
    return repr(token[1]) if len(token) > 1 else repr(kind)


class _Parser:
    def __init__(self, tokens: tuple[Token, ...]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise FormulaSyntaxError(messages.formula_ends_early())
        self.pos += 1
        return token

    def expect(self, kind: str) -> None:
        token = self.take()
        if token[0] != kind:
            raise FormulaSyntaxError(messages.expected_token(kind, _describe(token)))

    def expression(self, min_power: int) -> Node:
        left = self.prefix()
        while True:
            token = self.peek()
            if token is None or token[0] != "op":
                return left
            op = token[1]
            if op == "%":
                self.pos += 1
                left = ("pct", left)
                continue
            if op == ":":
                self.pos += 1
                left = ("range", left, self.primary())
                continue
            power = _BINARY.get(op)
            if power is None or power < min_power:
                return left
            self.pos += 1
            # left-associative: the right side must bind tighter than this operator
            right = self.expression(power + 1)
            left = ("bin", op, left, right)

    def prefix(self) -> Node:
        token = self.peek()
        if token is not None and token[0] == "op" and token[1] in ("-", "+", "@"):
            self.pos += 1
            operand = self.expression(_UNARY)
            if token[1] == "-":
                return ("neg", operand)
            if token[1] == "@":
                return ("ii", operand)
            return operand
        return self.primary()

    def primary(self) -> Node:
        token = self.take()
        kind = token[0]
        if kind in _LITERALS or kind in ("ref", "name", "struct"):
            return token
        if kind == "(":
            node = self.expression(0)
            self.expect(")")
            return node
        if kind == "func":
            return self.call(token[1])
        if kind == "{":
            return self.array()
        raise FormulaSyntaxError(messages.unexpected(_describe(token)))

    def call(self, name: str) -> Node:
        self.expect("(")
        args: list[Node] = []
        if self.peek() == (")",):
            self.pos += 1
            return ("call", name, tuple(args))
        while True:
            token = self.peek()
            if token in ((",",), (")",)):
                args.append(("missing",))
            else:
                args.append(self.expression(0))
            closing = self.take()
            if closing == (")",):
                return ("call", name, tuple(args))
            if closing != (",",):
                raise FormulaSyntaxError(messages.expected_separator(name, _describe(closing)))

    def array(self) -> Node:
        rows: list[list[Node]] = [[]]
        while True:
            token = self.take()
            if token[0] == "op" and token[1] == "-":
                number = self.take()
                if number[0] != "num":
                    raise FormulaSyntaxError(messages.array_constants_only())
                rows[-1].append(("num", -number[1]))
            elif token[0] in _LITERALS:
                rows[-1].append(token)
            else:
                raise FormulaSyntaxError(messages.array_constants_only())
            separator = self.take()
            if separator == ("}",):
                break
            if separator == (";",):
                rows.append([])
            elif separator != (",",):
                raise FormulaSyntaxError(messages.unexpected_in_array(_describe(separator)))
        if len({len(row) for row in rows}) != 1:
            raise FormulaSyntaxError(messages.ragged_array())
        return ("array", tuple(tuple(row) for row in rows))
