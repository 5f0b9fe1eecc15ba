"""The one exception tree of Marsad. Nothing else lives here.

    MarsadError
    ├── UsageError          a command was called wrong (exit code 2)
    ├── LexiconError        a language data file is malformed
    ├── InputError          an input could not be read (becomes a Skipped line, never a traceback)
    ├── StageError          a pipeline stage failed on one article (names the stage and the article)
    ├── PipelineError       the stage list is inconsistent (found when the pipeline is built)
    └── StoreError          the store could not be opened or written
        ├── NotFound
        └── Conflict
"""

from __future__ import annotations


class MarsadError(Exception):
    """Base of every error Marsad raises on purpose."""


class UsageError(MarsadError):
    pass


class LexiconError(MarsadError):
    pass


class InputError(MarsadError):
    pass


class PipelineError(MarsadError):
    pass


class StageError(MarsadError):
    def __init__(self, stage: str, article: str, cause: BaseException):
        super().__init__(f"stage '{stage}' failed on article {article}: {type(cause).__name__}: {cause}")
        self.stage = stage
        self.article = article


class StoreError(MarsadError):
    pass


class NotFound(StoreError):
    pass


class Conflict(StoreError):
    pass
