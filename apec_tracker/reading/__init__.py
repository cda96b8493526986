"""Reading record files: bytes to text to plain Python values, with positions for reports."""
