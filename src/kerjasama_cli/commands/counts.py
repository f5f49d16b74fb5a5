"""``summary``, ``sectors`` and ``figures``: counting the register."""

import typer

from ..i18n import Lang


def register(app: typer.Typer, lang: Lang) -> None:
    """Registered in a later change."""
