"""How the commands show text that comes from files, file names, git or the
command line: every control character as a visible escape
(apec_tracker.domain.printable), re-exported here so that the commands import
only the service layer."""

from __future__ import annotations

from apec_tracker.domain.printable import printable, printable_data

__all__ = ["printable", "printable_data"]
