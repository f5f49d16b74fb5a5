"""``schema`` and ``diff``: the register as a published dataset.

``schema`` prints the register's JSON Schema (``register_schema.py``), for editors and for
anyone who checks a register without this program. ``diff`` tells what changed between two
versions of a register (``diff.py``), for release notes.
"""

import typer

from ..help_text import help_for
from ..i18n import Lang
from .common import environment


def register(app: typer.Typer, lang: Lang) -> None:
    @app.command("schema", help=help_for("cmd.schema", lang))
    def schema_command(ctx: typer.Context) -> None:
        from ..register_schema import schema_text

        env = environment(ctx)
        env.stdout.write(schema_text())
