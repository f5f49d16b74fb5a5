"""``validate``: check dataset files and report every problem as PATH:LINE:COL: message.

The report is for a person, on stdout: every line is made ``terminal.visible``, since a
problem quotes the file's own values (and its path) and those may hold escape sequences.
"""

from pathlib import Path
from typing import Annotated

import typer

from ..errors import CommandError
from ..help_text import help_for
from ..i18n import Lang, message
from ..terminal import visible
from .common import environment


def register(app: typer.Typer, lang: Lang) -> None:
    @app.command("validate", help=help_for("cmd.validate", lang))
    def validate_command(
        ctx: typer.Context,
        paths: Annotated[
            list[Path] | None,
            typer.Argument(
                help=help_for("arg.paths", lang), show_default=False, metavar="[PATH...]"
            ),
        ] = None,
    ) -> None:
        from ..datafile import resolve_data_path
        from ..loading import validate_file

        env = environment(ctx)
        targets = paths or [resolve_data_path(env.data_path, env.environ)]
        failed = False
        for path in targets:
            dataset, problems = validate_file(path, env.lang)
            if problems or dataset is None:
                failed = True
                for problem in problems:
                    print(visible(str(problem)), file=env.stdout)
                print(
                    visible(message("validate_failed", env.lang, path=path, count=len(problems))),
                    file=env.stdout,
                )
            else:
                print(
                    visible(
                        message(
                            "validate_ok",
                            env.lang,
                            path=path,
                            partnerships=len(dataset.partnerships),
                            sectors=len(dataset.sectors),
                            sources=len(dataset.sources),
                            figures=len(dataset.figures),
                        )
                    ),
                    file=env.stdout,
                )
        if failed:
            raise CommandError(silent=True)  # every problem is printed above
