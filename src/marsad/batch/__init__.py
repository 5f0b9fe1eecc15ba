"""Archives on a cluster: `marsad batch` analyses partitions of articles on Dask workers and writes parts;
`marsad load` puts the parts into a store and builds the stories.

    driver (read_inputs, lazily) -> partitions of N records -> workers (the per-article pipeline)
        -> part files in index order + manifest.json -> load: store.put_article, then stories

Only the per-article stage runs on the cluster; stories and cross-document merging need the whole
store and run in `load`, over the loaded facts. Dask is an optional dependency (extra `scale`).
"""

from __future__ import annotations

from marsad.errors import MarsadError


class BatchError(MarsadError):
    """A batch could not run (no cluster, no Dask, an unreadable results folder): one line, exit 1."""
