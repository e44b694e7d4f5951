"""Numpy arrays kept in one file, written atomically and memory-mapped read-only.

The matching tables (:meth:`.CandidateTable.to_arrays`, :meth:`.JobTable.to_arrays`) are built
once per database and shared by every worker through such a file: a worker maps it
(``numpy.memmap``, read-only), so the pages are the operating system's page cache, shared
between processes, and loading costs a header read, not a rebuild.

Layout: ``MAGIC``, the header length (8 bytes, little endian), a JSON header (``meta``, and
name, dtype, shape and offset of every array), then the arrays' raw bytes, each aligned on 64
bytes. A file is written under a temporary name in the same folder and renamed over the old
one (:func:`os.replace`), so a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np

MAGIC = b"MRCARR1\n"
ALIGN = 64


def _aligned(offset: int) -> int:
    return -(-offset // ALIGN) * ALIGN


def write_arrays(path: str | os.PathLike, arrays: Mapping[str, np.ndarray], meta: dict) -> None:
    """Write ``arrays`` and ``meta`` (JSON-serialisable) to ``path``, atomically.

    Object arrays are refused (they cannot be mapped); strings are fixed-width unicode arrays.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    entries, offset = [], 0
    prepared = {}
    for name, array in arrays.items():
        array = np.ascontiguousarray(array)
        if array.dtype.hasobject:
            raise ValueError(f"array {name} holds Python objects and cannot be stored")
        offset = _aligned(offset)
        entries.append(
            {"name": name, "dtype": array.dtype.str, "shape": list(array.shape), "offset": offset}
        )
        prepared[name] = array
        offset += array.nbytes
    header = json.dumps({"meta": meta, "arrays": entries}).encode()
    start = _aligned(len(MAGIC) + 8 + len(header))
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + len(header).to_bytes(8, "little") + header)
            for entry in entries:
                out.seek(start + entry["offset"])
                out.write(prepared[entry["name"]].tobytes())
            out.truncate(start + _aligned(offset))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_meta(path: str | os.PathLike) -> dict | None:
    """The ``meta`` of a file written by :func:`write_arrays`; None when missing or unreadable."""
    try:
        with open(path, "rb") as stream:
            header = _header(stream)
    except (OSError, ValueError):
        return None
    return header["meta"]


def _header(stream) -> dict:
    magic = stream.read(len(MAGIC))
    if magic != MAGIC:
        raise ValueError("not an array file")
    length = int.from_bytes(stream.read(8), "little")
    header = json.loads(stream.read(length))
    header["start"] = _aligned(len(MAGIC) + 8 + length)
    return header


def read_arrays(path: str | os.PathLike) -> tuple[dict[str, np.ndarray], dict]:
    """The arrays of a file as read-only views of one memory map, and its ``meta``.

    :raise ValueError: the file is not one written by :func:`write_arrays`.
    :raise OSError: it cannot be read.
    """
    with open(path, "rb") as stream:
        header = _header(stream)
    size = os.path.getsize(path)
    mapped = np.memmap(path, dtype=np.uint8, mode="r") if size else np.zeros(0, np.uint8)
    arrays = {}
    for entry in header["arrays"]:
        dtype = np.dtype(entry["dtype"])
        shape = tuple(entry["shape"])
        count = int(np.prod(shape, dtype=np.int64)) if shape else 1
        begin = header["start"] + entry["offset"]
        if begin + count * dtype.itemsize > size:
            raise ValueError(f"array {entry['name']} runs past the end of the file")
        arrays[entry["name"]] = np.frombuffer(
            mapped, dtype=dtype, count=count, offset=begin
        ).reshape(shape)
    return arrays, header["meta"]


def is_mapped(array: np.ndarray) -> bool:
    """Whether ``array`` is a view of a file mapped by :func:`read_arrays`."""
    base = array
    while base is not None:
        if isinstance(base, (np.memmap, memoryview)) or type(base).__name__ == "mmap":
            return True
        base = getattr(base, "base", None)
    return False


def snapshot_mark(snapshot: str, elsewhere: set[int] | frozenset[int] = frozenset()) -> int:
    """The lowest transaction id whose writes a snapshot may not have seen.

    :param snapshot: PostgreSQL's ``txid_current_snapshot()`` text, ``xmin:xmax:xip,...``.
    :param elsewhere: the 32-bit ids of running transactions known to belong to other
        databases of the cluster (they cannot write this database's tables), left out.
    :return: the oldest running transaction of the snapshot not left out, else ``xmax``.
    """
    _xmin, xmax, running = snapshot.split(":")
    ours = [int(x) for x in running.split(",") if x and int(x) % 2**32 not in elsewhere]
    return min([*ours, int(xmax)])
