"""Validation markers for the models, understood by pydantic without importing it here.

The models are plain dataclasses so that a query served from the cache never pays
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
    """An int (or, with ``floats``, also a float), never a numeric string or a boolean."""

    def __init__(self, floats: bool = False) -> None:
        self.floats = floats

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        strict_int = core_schema.int_schema(strict=True)
        if not self.floats:
            return strict_int
        return core_schema.union_schema(
            [strict_int, core_schema.float_schema(strict=True)], mode="left_to_right"
        )


def matches(pattern: str, rule: str) -> After:
    """A full match of ``pattern``, else the ``RuleError`` ``rule`` (a message key)."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            from .errors import RuleError

            raise RuleError(rule, value=value)
        return value

    return After(check)
