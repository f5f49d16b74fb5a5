"""What every writer shares: its signature and the options it may read (as pip-audit's
``_format/interface.py``). A leaf module, so a writer never imports the package that
chooses it."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Protocol, TextIO

if TYPE_CHECKING:
    from ..environment import Environment
    from ..report import Report


class WriteOptions(NamedTuple):
    """What a writer may know of its surroundings: only the table uses more than ``header``."""

    header: bool = True  # tsv/csv: the header line; table: the title and the headings
    width: int = 80  # the terminal's columns
    color: bool = False  # never true when the Environment says no colour
    terminal: bool = False  # stdout is a terminal (a pipe is never hard-wrapped)

    @classmethod
    def for_env(cls, env: Environment, header: bool = True) -> WriteOptions:
        return cls(header=header, width=env.width, color=env.color, terminal=env.stdout_is_tty)


class Writer(Protocol):
    def __call__(self, report: Report, out: TextIO, options: WriteOptions) -> None: ...


def write_encoded(out: TextIO, data: bytes) -> None:
    """UTF-8 ``data`` to a text stream: straight to its byte buffer when it has one (after
    whatever text is pending), else decoded (a test's ``StringIO``)."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(data.decode("utf-8"))
        return
    out.flush()
    # A buffered write may be short (a filling disk takes what fits): write the rest
    # until it is all written or the system says why not, never leaving it untold.
    view = memoryview(data)
    while view:
        written = buffer.write(view)
        if not written:
            import errno

            raise OSError(errno.EIO, "the output took no more bytes")
        view = view[written:]
