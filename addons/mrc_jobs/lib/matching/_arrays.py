"""Numpy helpers shared by the similarity, the tables and the scoring."""

from __future__ import annotations

import numpy as np


def _expand(starts: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ranges ``[starts[i], starts[i] + counts[i])``: (owner i, index) of every element."""
    counts = np.asarray(counts, dtype=np.int64)
    total = int(counts.sum()) if len(counts) else 0
    if not total:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    offsets = np.cumsum(counts) - counts
    index = np.arange(total, dtype=np.int64) - offsets[owner] + np.asarray(starts)[owner]
    return owner, index
