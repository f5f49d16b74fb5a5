"""kerjasama: the register of partnerships of the Provincial Government of DKI Jakarta.

The same power as the command line, from Python::

    from kerjasama_cli import load_dataset, Query, filter_partnerships
    data = load_dataset()
    flood = filter_partnerships(data.partnerships, Query(sector=frozenset({"banjir"})))

Names are imported lazily so that ``kerjasama --help`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Dataset",
    "DatasetError",
    "Partnership",
    "Query",
    "Register",
    "Resolver",
    "check_figures",
    "count_by",
    "crosstab",
    "filter_partnerships",
    "load_dataset",
    "sort_partnerships",
    "summarize",
]

if TYPE_CHECKING:
    from .errors import DatasetError
    from .loading import load_dataset
    from .models import Dataset, Partnership
    from .query import Query, filter_partnerships, sort_partnerships
    from .resolve import Resolver
    from .store import Register
    from .summary import check_figures, count_by, crosstab, summarize

_WHERE = {
    "Dataset": "models",
    "Partnership": "models",
    "DatasetError": "errors",
    "load_dataset": "loading",
    "Query": "query",
    "filter_partnerships": "query",
    "sort_partnerships": "query",
    "Resolver": "resolve",
    "Register": "store",
    "summarize": "summary",
    "crosstab": "summary",
    "count_by": "summary",
    "check_figures": "summary",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
