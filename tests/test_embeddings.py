"""The sentence encoder: runs cut by token count, and embeddings that do not depend on how texts are batched."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire import embeddings
from eventwire.embeddings import _batches

# Real news sentences (VOA, public domain) of different lengths, so that runs mix and pad them.
SENTENCES = [
    "Militants attacked a cross-country passenger train Tuesday in Pakistan's restive southwestern Balochistan "
    "province, taking many hostages.",
    "The Baloch Liberation Army, or BLA, quickly claimed responsibility for the attack.",
    "Iran summoned Pakistan's charge d'affaires in the country.",
    "Police fired tear gas at protesters.",
    "U.S. lawmakers welcomed Tuesday's announcement that Ukraine had agreed to a 30-day ceasefire as a step "
    "toward ending the war with Russia.",
    "China urged restraint.",
    "The head of the U.N. children's program, UNICEF, said Thursday that 16 million children in Sudan are "
    "suffering.",
]


def test_batches_take_every_text_once_and_keep_different_lengths_apart():
    lengths = [30, 7, 92, 31, 8, 29, 30, 120, 9, 28, 33, 30]
    runs = _batches(lengths, 4)
    assert sorted(i for run in runs for i in run) == list(range(len(lengths)))
    assert all(1 <= len(run) <= 4 for run in runs)
    assert [lengths[i] for run in runs for i in run] == sorted(lengths)  # runs follow token count
    assert sorted(len(run) for run in _batches([40] * 10, 8)) == [2, 8]  # equal lengths: full batches
    assert len(_batches([5, 120], 8)) == 2  # 115 padded positions cost more than a second run
    assert _batches([], 8) == []


def test_embeddings_do_not_depend_on_the_batching():
    try:
        encoder = embeddings.load_encoder()
    except Exception as exc:  # noqa: BLE001 - the encoder packages are optional in minimal installs
        pytest.skip(f"encoder model packages unavailable: {exc}")
    alone = np.concatenate([encoder.encode([text]) for text in SENTENCES])
    for batch_size in (1, 3, 8, 64):
        together = encoder.encode(SENTENCES, batch_size=batch_size)
        assert together.shape == (len(SENTENCES), embeddings.DIMENSION)
        assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
        assert float((alone * together).sum(axis=1).min()) >= 0.99999
    assert encoder.encode([]).shape == (0, embeddings.DIMENSION)
