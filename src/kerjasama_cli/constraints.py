"""Validation markers for the models, understood by pydantic without importing it here.

The models are plain dataclasses so that a query answered from the store never pays
for importing pydantic; pydantic reads these markers only when a file is validated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


class After:
    """Run ``check`` on the value after its type is validated; a ``ValueError`` is reported."""

    def __init__(self, check: Callable[[Any], Any]) -> None:
        self.check = check

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))


class Before:
    """Turn the raw value into the expected one before validation (e.g. a bare year to text)."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self.convert = convert

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.convert, handler(source))


class MinLength:
    """At least ``n`` characters or items (pydantic's own check and message, without
    importing ``annotated_types`` on the fast path)."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema["min_length"] = self.n
        return schema


class StrictNumber:
    """An int (or, with ``floats``, also a float), never a numeric string or a boolean,
    finite and with ``ge <= value < lt``; anything else is the ``RuleError`` that says so
    (an :class:`~kerjasama_cli.yamlsafe.Oversized` integer included)."""

    def __init__(self, ge: int, lt: int, floats: bool = False) -> None:
        self.floats, self.ge, self.lt = floats, ge, lt

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        strict_int = core_schema.int_schema(strict=True)
        schema: Any = strict_int
        if self.floats:
            schema = core_schema.union_schema(
                [strict_int, core_schema.float_schema(strict=True, allow_inf_nan=True)],
                mode="left_to_right",
            )
        checked = core_schema.no_info_after_validator_function(self.check, schema)
        return core_schema.no_info_before_validator_function(self.refuse_oversized, checked)

    def _out_of_range(self, shown: str) -> ValueError:
        from .errors import RuleError

        if self.floats:
            return RuleError("rule.number_range", value=shown, low=_bound(self.ge),
                             high=_bound(self.lt))  # fmt: skip
        return RuleError("rule.integer_range", value=shown, low=_bound(self.ge),
                         high=_bound(self.lt - 1))  # fmt: skip

    def refuse_oversized(self, value: Any) -> Any:
        from .yamlsafe import Oversized

        if isinstance(value, Oversized):
            raise self._out_of_range(repr(value))
        return value

    def check(self, value: float) -> float:
        import math

        if isinstance(value, float) and not math.isfinite(value):
            shown = ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
            raise self._out_of_range(shown)
        if not self.ge <= value < self.lt:
            text = repr(value)
            if len(text) > 24:
                text = f"{text[:12]}… ({len(text.lstrip('-'))} digits)"
            raise self._out_of_range(text)
        return value


def _bound(n: int) -> str:
    """``10^15`` rather than fifteen zeros."""
    text = str(n)
    if n >= 10**6 and text.strip("0") == "1":
        return f"10^{len(text) - 1}"
    return text


def matches(pattern: str, rule: str) -> After:
    """A full match of ``pattern``, else the ``RuleError`` ``rule`` (a message key)."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            from .errors import RuleError

            raise RuleError(rule, value=value)
        return value

    return After(check)
