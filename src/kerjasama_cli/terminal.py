"""Text for a terminal: what the data says, never what it could make the terminal do.

A register file may come from anyone, and a terminal obeys what it is sent: an escape
sequence can clear the screen, plant a hyperlink (OSC 8) or write to the clipboard
(OSC 52); a bidi override (U+202E) or a zero-width character makes text read otherwise
than it is. ``visible`` is the one function that turns such characters into visible
escapes; every human format (the table, ``show``'s view, titles, captions, notes) and
every message on stderr goes through it. Machine formats keep the data exact.

- C0 controls, DEL and C1 controls: ``\\t``, ``\\n``, ``\\r``, else ``\\x1b`` (two hex digits);
- format characters (Unicode category Cf: bidi controls U+202A–U+202E, U+2066–U+2069,
  U+200E, U+200F, U+061C; zero-width U+200B–U+200D, U+2060, U+FEFF; soft hyphen, tags),
  the line and paragraph separators U+2028 and U+2029 and lone surrogates: ``U+202E``.

Everything else, other scripts, accents, emoji and no-break spaces included, is left as it
is. Newlines are escaped too: where a person's output has several lines, the layout
(Rich, or the caller printing line by line) makes them, never the data.

``say`` is the one way a message reaches stderr: made visible, and lost quietly when
stderr is closed or its reader has gone, so that neither changes the exit status nor
what stdout gets.
"""

from __future__ import annotations

import contextlib
from typing import TextIO

#: The categories of the characters that are shown as ``U+XXXX`` (besides the controls).
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def visible(text: str) -> str:
    """``text`` with every control, bidi and invisible format character shown as an escape."""
    if text.isprintable():  # the common case, at C speed: nothing to escape
        return text
    return "".join(_escape(char) for char in text)


def _escape(char: str) -> str:
    if char.isprintable():
        return char
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return _SHORT.get(char) or f"\\x{code:02x}"
    import unicodedata  # only for text that is not plain ASCII

    if unicodedata.category(char) in _HIDDEN:
        return f"U+{code:04X}"
    return char  # a space other than " " (no-break, ideographic), private use, unassigned


def visible_lines(text: str) -> str:
    """``visible`` line by line: the text's own line breaks kept (Click's usage message)."""
    return "\n".join(visible(line) for line in text.split("\n"))


def say(stream: TextIO, text: str, lines: bool = False) -> None:
    """A message for a person on ``stream`` (stderr), every character made ``visible``.

    A message is one line: a newline inside it is escaped too. With ``lines`` the text's
    own line breaks are kept (Click's usage and help) and only each line is escaped.
    Writing never fails: a closed (``2>&-``) or broken stderr loses the message, and the
    command goes on, with the same output and the same exit status.
    """
    shown = visible_lines(text) if lines else visible(text)
    with contextlib.suppress(OSError, ValueError):
        print(shown, file=stream)
