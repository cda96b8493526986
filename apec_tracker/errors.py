"""Errors any command can meet, kept in a module of their own so that the
command line can catch them without importing what raises them."""


class RecordChanged(Exception):
    """A record file changed while a command was reading it; running the command again reads it whole."""
