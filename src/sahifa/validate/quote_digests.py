"""Digests of a view's rows of each record as canonical JSON: as stored (any view), and as the
`quotes` rows of each record of a cleared batch should be, with the speaker and the paragraph
of every quotation found in bulk (each row made by the view's own `quote_row`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sahifa.record import Cue, Quote
from sahifa.schema import labels
from sahifa.validate.spans import BatchSpans, SpanColumn
from sahifa.write.views import quote_row


def canonical(row: dict[str, Any]) -> bytes:
    return json.dumps(row, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"


def json_digest(rows) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(canonical(row))
    return digest.hexdigest()


def found_json_digests(batches) -> Iterator[tuple[str, str]]:
    """(document id, digest) of each run of rows of one document in a view's batches, rows
    as canonical JSON."""
    run, digest = None, hashlib.sha256()
    for batch in batches:
        for row in batch.to_pylist():
            record_id = str(row.get("document_id"))
            if record_id != run and run is not None:
                yield run, digest.hexdigest()
                digest = hashlib.sha256()
            run = record_id
            digest.update(canonical(row))
    if run is not None:
        yield run, digest.hexdigest()


def expected_quote_digests(batch: pa.RecordBatch,
                           spans: BatchSpans | None = None) -> dict[str, str]:
    """{record id: digest of its `quotes` rows}, for the records of a cleared batch (whose
    quotations lie inside paragraphs in order and name speakers that are its entities).
    `spans`: the batch's, if the caller has read them already (the screen has)."""
    spans = spans or BatchSpans(batch)
    ids = batch.column("id").to_pylist()
    quotes = spans.layer("quotes")
    found = quotes.values.to_pylist()
    speakers = _speakers(spans.layer("entities"), quotes.parents, [q["speaker"] for q in found])
    paragraphs = _paragraph_ids(spans.layer("paragraphs"), quotes.parents, quotes.start)
    origin, entity_label = labels("origin"), labels("entity_label")
    rows: dict[str, list] = {record_id: [] for record_id in ids}
    for parent, q, speaker, paragraph in zip(quotes.parents.tolist(), found, speakers,
                                             paragraphs, strict=True):
        quote = Quote(**{**q, "origin": origin[q["origin"]],
                         "cue": q["cue"] and Cue(**q["cue"])})
        named = speaker and (speaker["text"], entity_label[speaker["label"]])
        rows[ids[parent]].append(quote_row(ids[parent], quote, named, paragraph))
    return {record_id: json_digest(found_rows) for record_id, found_rows in rows.items()}


def _speakers(entities: SpanColumn, parents: np.ndarray,
              speakers: list[str | None]) -> list[dict | None]:
    """The entity (text and label) each quotation names as its speaker, or None."""
    owners = pa.array(entities.parents).cast(pa.string())
    keys = pc.binary_join_element_wise(owners, pc.struct_field(entities.values, "id"), "\x1f")
    wanted = pa.array([None if s is None else f"{p}\x1f{s}"
                       for p, s in zip(parents.tolist(), speakers, strict=True)], pa.string())
    at = pc.index_in(wanted, value_set=keys)
    chosen = pa.StructArray.from_arrays(
        [pc.struct_field(entities.values, "text"), pc.struct_field(entities.values, "label")],
        ["text", "label"])
    return pc.take(chosen, at).to_pylist()


def _paragraph_ids(paragraphs: SpanColumn, parents: np.ndarray,
                   starts: np.ndarray) -> list[str]:
    """The id of the paragraph each quotation starts in (the paragraphs of a cleared batch
    are in order and apart, and hold their quotations whole)."""
    key = paragraphs.parents * (1 << 32) + paragraphs.start
    at = np.searchsorted(key, parents * (1 << 32) + starts, side="right") - 1
    ids = pc.struct_field(paragraphs.values, "id")
    return pc.take(ids, pa.array(at)).to_pylist() if len(at) else []
