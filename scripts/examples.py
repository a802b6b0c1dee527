"""The common tasks on Sahifa in one short script: load it, count entities by label, find the
quotations of one speaker, export the outermost entities for spaCy.
Run: .venv/bin/python scripts/examples.py [dataset folder, default: this clone]"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

import sahifa


def main(folder: Path) -> int:
    records = list(sahifa.read(folder))  # or datasets.load_dataset(str(folder))
    print(f"{len(records)} articles")

    labels = Counter(e.label for r in records for e in r.entities)
    print("entities by label:", ", ".join(f"{k} {n}" for k, n in labels.most_common()))

    said = Counter()
    for record in records:
        names = {e.id: e.text for e in record.entities}
        said.update(names[q.speaker] for q in record.quotes if q.speaker in names)
    speaker, count = said.most_common(1)[0]
    print(f"most quoted: {speaker} ({count} quotations):")
    for record in records:
        names = {e.id: e.text for e in record.entities}
        for quote in record.quotes:
            if names.get(quote.speaker) == speaker:
                print(f"  {record.id}: «{quote.text[:60]}»")

    from sahifa.export import export  # spaCy: a DocBin, outermost entities as doc.ents

    out = Path(tempfile.mkdtemp(prefix="sahifa-spacy-"))
    export(folder, "spacy", out)
    print(f"spaCy DocBin in {out / 'corpus.spacy'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1]))
