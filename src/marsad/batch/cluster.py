"""The Dask client of a batch: a local cluster of processes, or an existing scheduler."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from marsad.batch import BatchError


def _dask():
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise BatchError("batch needs Dask: pip install 'marsad[scale]'") from None
    return Client, LocalCluster


# Dask keeps the last `low-level-log-length` (1,000) messages of every batched stream for debugging, and a
# task message carries its partition: the client's stream (and a local scheduler's) would hold the last
# thousand partitions, so the driver grew by a partition per partition. A short log keeps it flat.
_QUIET_LOGS = {"distributed.admin.low-level-log-length": 16}


@contextmanager
def open_client(engine: str, scheduler: str | None = None, workers: int = 2,
                connect_timeout: float = 10.0) -> Iterator[object]:
    """`local`: a LocalCluster of `workers` processes, one thread each, on loopback, no dashboard.
    `dask`: a client of the scheduler at `scheduler` (tcp://host:8786); BatchError when it cannot be reached."""
    Client, LocalCluster = _dask()
    import dask

    with dask.config.set(_QUIET_LOGS):
        yield from _open(Client, LocalCluster, engine, scheduler, workers, connect_timeout)


def _open(Client, LocalCluster, engine: str, scheduler: str | None, workers: int,
          connect_timeout: float) -> Iterator[object]:
    if engine == "local":
        try:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None, silence_logs=logging.ERROR)
        except (OSError, RuntimeError, TimeoutError) as exc:
            raise BatchError(f"cannot start a local Dask cluster: {str(exc).splitlines()[0] if str(exc) else exc!r}") \
                from None
        client = Client(cluster, set_as_default=False)
        try:
            yield client
        finally:
            client.close()
            cluster.close()
        return
    if not scheduler:
        raise BatchError("--engine dask needs --scheduler tcp://HOST:PORT")
    # A refused connection is retried until the timeout; its log lines would repeat the error we print.
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        client = Client(scheduler, timeout=connect_timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise BatchError(f"cannot reach the Dask scheduler at {scheduler}: {reason}") from None
    finally:
        quiet.setLevel(level)
    try:
        yield client
    finally:
        client.close()


def worker_slots(client) -> int:
    """How many partitions the cluster analyses at once: its worker threads."""
    return sum(client.nthreads().values())
