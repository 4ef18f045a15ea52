"""Check that the pinned models load and are what we pinned (run by ``make install``)."""

from __future__ import annotations

import sys


def main() -> int:
    from eventwire.embeddings import verify_encoder
    from eventwire.nlp import load_spacy

    nlp = load_spacy()
    print(f"spaCy model ok: {nlp.meta['name']} {nlp.meta['version']}, pipes {', '.join(nlp.pipe_names)}")
    print(f"encoder ok: {verify_encoder()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
