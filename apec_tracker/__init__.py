"""apec-tracker: the progress tracker for the APEC Artificial Intelligence Initiative (2026-2030)."""

__version__ = "0.1.0"
