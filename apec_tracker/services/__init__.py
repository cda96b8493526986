"""What apec-tracker does, one function per use case: the commands' only import.

One module per group of use cases, so that a command imports what it needs
and no more (`tracker validate` never loads the report's templates):

* context: the workspace a command runs in (the repository, its reference
  data, today's date), and the sources records are read from;
* validation: `tracker validate`;
* records: `tracker list`, `show`, `export`;
* authoring: `tracker add-activity`, `progress`, `nil-return`;
* reviews: `tracker report`, `diff`, `publish`;
* indicators: `tracker indicators`;
* cycle: `tracker status`;
* generated: `tracker owners`, `schema`.

Each function opens what its use case needs, calls the core and returns a
typed result. Errors are :class:`~apec_tracker.errors.TrackerError`s, each with
its exit code; nothing here prints or exits. The names the commands need to
describe results (statuses, formats, record types) are re-exported by the
module that returns them, so that a command imports nothing else of the package.
"""
