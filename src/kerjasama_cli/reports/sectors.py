"""``sectors``: the vocabulary of sectors, with how many records name each one."""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import Lang, message
from ..report import Align, Column, Report, Role
from ..summary import SectorUse
from .labels import integer


def sectors_report(uses: Sequence[SectorUse], records: int, lang: Lang) -> Report:
    """``uses`` in the data's order; ``records`` is how many records there are in all."""
    return Report(
        title=message("sectors_title", lang),
        columns=(
            Column("key", message("sectors_key", lang), wrap=False, role=Role.KEY, keep=True),
            Column("id", message("sectors_label_id", lang)),
            Column("en", message("sectors_label_en", lang)),
            Column("aliases", message("sectors_aliases", lang), ratio=1),
            Column("count", message("sum_count", lang), Align.RIGHT, wrap=False, keep=True),
        ),
        rows=tuple(
            (u.key, u.label_id, u.label_en, ",".join(u.aliases), str(u.count)) for u in uses
        ),
        display=tuple(
            (u.key, u.label_id, u.label_en, ", ".join(u.aliases), integer(u.count, lang))
            for u in uses
        ),
        notes=(message("sectors_note", lang, sectors=len(uses), records=integer(records, lang)),),
        items=tuple(
            {
                "key": u.key,
                "id": u.label_id,
                "en": u.label_en,
                "aliases": list(u.aliases),
                "count": u.count,
            }
            for u in uses
        ),
    )
