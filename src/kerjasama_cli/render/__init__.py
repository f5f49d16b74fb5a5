"""What only people read, beside the table writer: ``show``'s view of one record
(``detail``) and the labels a table shows for each column (``columns``). Every output
format is a writer in ``writers/``."""
