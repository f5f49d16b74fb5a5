"""What only people read: ``show``'s view of one record (``detail``), the columns' labels
(``columns``) and the Rich console. Every output format is a writer in ``writers/``;
``OutputFormat`` and ``default_format`` are re-exported here for older imports.
"""

from ..writers import OutputFormat, default_format

__all__ = ["OutputFormat", "default_format"]
