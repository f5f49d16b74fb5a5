"""Reports: a command's result turned into a ``Report`` by pure functions, never printed.

One module per report: ``records`` (list, and show's machine formats), ``summary``
(one ``--by``), ``crosstab`` (two), ``sectors``, ``figures``; ``labels`` holds the labels
and numbers in the reader's language that the people's view of each uses. The counting
itself is ``kerjasama_cli.summary``'s; the writing is ``kerjasama_cli.writers``'.
"""
