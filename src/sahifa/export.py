"""Export: the records of a built dataset as files in the annotation formats, and raw inputs
pre-annotated for correction.

`brat`: `<id>.txt` (the record text) and `<id>.ann` (standoff over that text) per record, for
brat or INCEpTION. `conll`: `<id>.conll`, token-per-line IOB2 with nested levels as columns.
`pre_annotate`: `<id>.txt` (the raw text) and `<id>.ann` (automatic spans over it, marked as such)
per input that has no gold yet: the start of the annotation workflow (guidelines §11).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from sahifa.annotate import brat, conll, labelstudio, spacy_docbin, ud, xmi
from sahifa.errors import UserError
from sahifa.findings import Finding
from sahifa.ingest.inputs import ANNOTATIONS
from sahifa.offsets import OffsetMap
from sahifa.pipeline import READERS, Reject, convert_or_reject, iter_inputs
from sahifa.record import Record
from sahifa.write.parquet import iter_records

FORMATS = ("brat", "conll", "conll-nested", "conllu", "labelstudio", "spacy", "xmi")
XMI_TYPESYSTEM = "TypeSystem.xml"
SPACY_DOCS, SPACY_UNALIGNED = "corpus.spacy", "unaligned.jsonl"
LABEL_STUDIO_TASKS, LABEL_STUDIO_CONFIG = "tasks.json", "label-studio.xml"
BRAT_CONF = "annotation.conf"


def annotation_file(record_id: str) -> str:
    return record_id + ANNOTATIONS


def export_brat(record: Record, output: Path) -> None:
    (output / f"{record.id}.txt").write_text(record.text, encoding="utf-8", newline="")
    (output / annotation_file(record.id)).write_text(
        brat.write(record, annotation_file(record.id)), encoding="utf-8", newline="")


def export_conll(record: Record, output: Path, nested: bool = False) -> None:
    (output / f"{record.id}.conll").write_text(
        "".join(conll.write([record], nested)), encoding="utf-8", newline="")


def export_conllu(record: Record, output: Path) -> None:
    (output / f"{record.id}.conllu").write_text(ud.write(record), encoding="utf-8", newline="")


def export_xmi(record: Record, output: Path) -> None:
    (output / f"{record.id}.xmi").write_text(xmi.write(record), encoding="utf-8")


def export_labelstudio(records: Iterable[Record], output: Path) -> int:
    """`tasks.json` (one task a record, to import into a Label Studio project) and the
    project's labeling interface, `label-studio.xml`."""
    tasks = [labelstudio.write(record) for record in records]
    (output / LABEL_STUDIO_TASKS).write_text(
        json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (output / LABEL_STUDIO_CONFIG).write_text(labelstudio.labeling_config(), encoding="utf-8")
    return len(tasks)


def export_spacy(records: Iterable[Record], output: Path) -> int:
    """`corpus.spacy` (a DocBin, one Doc a record) and `unaligned.jsonl`: the entities that
    fit no token boundaries (inside a clitic-attached word), kept in each Doc's user data."""
    docs, unaligned = spacy_docbin.write(records)
    docs.to_disk(output / SPACY_DOCS)
    lines = [json.dumps({"record": rid, "entity": e.id, "start": e.start, "end": e.end,
                         "text": e.text, "label": e.label}, ensure_ascii=False) + "\n"
             for rid, e in unaligned]
    (output / SPACY_UNALIGNED).write_text("".join(lines), encoding="utf-8")
    print(f"{len(unaligned)} entities fit no token boundaries: listed in "
          f"{output / SPACY_UNALIGNED} and kept in each Doc's user_data")
    return len(docs)


def export(path: Path, fmt: str, output: Path) -> int:
    """Write every record of `path` in format `fmt` under `output`; the number of records."""
    output.mkdir(parents=True, exist_ok=True)
    if fmt == "labelstudio":
        return export_labelstudio(iter_records(path), output)
    if fmt == "spacy":
        return export_spacy(iter_records(path), output)
    write = {"brat": export_brat, "conll": export_conll, "conllu": export_conllu,
             "xmi": export_xmi,
             "conll-nested": lambda record, out: export_conll(record, out, nested=True)}[fmt]
    count = 0
    for record in iter_records(path):
        write(record, output)
        count += 1
    if fmt == "xmi":
        (output / XMI_TYPESYSTEM).write_text(xmi.typesystem().to_xml(), encoding="utf-8")
    if fmt == "brat":
        (output / BRAT_CONF).write_text(brat.annotation_conf(_annotator_values(output)),
                                        encoding="utf-8")
    return count


def _annotator_values(folder: Path) -> set[str]:
    """The values of the Annotator attributes the .ann files of `folder` use."""
    return {line.split()[-1] for ann in folder.glob(f"*{ANNOTATIONS}")
            for line in ann.read_text("utf-8").splitlines()
            if line.startswith("A") and line.split("\t")[1].startswith(brat.ANNOTATOR + " ")}


@dataclass
class PreAnnotation:
    """What `pre_annotate` did with each input: read = written + gold + rejected."""

    read: int = 0
    written: int = 0
    gold: int = 0
    rejects: list[Reject] = field(default_factory=list)

    def summary(self) -> str:
        return (f"read {self.read} = pre-annotated {self.written} + already gold {self.gold} "
                f"+ rejected {len(self.rejects)}")


def raw_offsets(record: Record, raw: str) -> Record:
    """The record's annotation layers moved onto the raw input (offsets and texts), which is
    what a gold `.ann` file refers to, with brat ids T1… in text order (guidelines §2)."""
    to_raw = OffsetMap(record.offset_map).span_to_raw
    cues = [q.cue for q in record.quotes if q.cue is not None]
    ordered = sorted([*record.entities, *record.quotes, *cues, *record.corrections],
                     key=brat.text_order)
    new_id = {span.id: f"T{n}" for n, span in enumerate(ordered, 1)}

    def moved(span):
        start, end = to_raw(span.start, span.end)
        return replace(span, id=new_id[span.id], start=start, end=end, text=raw[start:end])

    quotes = [replace(moved(q), cue=moved(q.cue) if q.cue else None,
                      speaker=new_id.get(q.speaker or "")) for q in record.quotes]
    return replace(record, entities=[moved(e) for e in record.entities], quotes=quotes,
                   corrections=[moved(c) for c in record.corrections])


def pre_annotate(path: Path, output: Path, fmt: str = "auto",
                 mapping: str | None = None) -> PreAnnotation:
    """For every input of `path` without gold annotations: `<id>.txt` (the raw text its offsets
    refer to) and `<id>.ann` with the automatic spans, each marked `Origin auto`, under
    `output`. An annotator corrects the file, removes the marks, and puts it beside the input:
    from then on the build imports it as gold."""
    output.mkdir(parents=True, exist_ok=True)
    result = PreAnnotation()
    options = {} if mapping is None else {"mapping": mapping}
    for item in iter_inputs(path, fmt, **options):
        result.read += 1
        if item.annotations is not None:
            result.gold += 1
            continue
        record = convert_or_reject(item)
        if isinstance(record, Reject):
            result.rejects.append(record)
            continue
        raw = READERS[item.format].parse(item).raw
        (output / f"{record.id}.txt").write_text(raw, encoding="utf-8", newline="")
        (output / annotation_file(record.id)).write_text(
            brat.write(raw_offsets(record, raw), ""), encoding="utf-8", newline="")
        result.written += 1
    return result


Edited = tuple[str, str, Callable[[Record], tuple[Record, list[Finding]]]]


def _put_back(records_path: Path, edited: Iterable[Edited],
              output: Path) -> tuple[int, list[Finding]]:
    """For each edited document (record id, where it is, how to read it onto its record), the
    record with its annotations written as brat files into `output`; the number written and
    what could not be mapped."""
    records = {r.id: r for r in iter_records(records_path)}
    output.mkdir(parents=True, exist_ok=True)
    written, problems = 0, []
    for record_id, where, read in edited:
        if record_id not in records:
            raise UserError(where, f"{record_id!r} is no record of {records_path}")
        record, found = read(records[record_id])
        problems += found
        export_brat(record, output)
        written += 1
    return written, problems


def import_labelstudio(records_path: Path, tasks_file: Path,
                       output: Path) -> tuple[int, list[Finding]]:
    """Label Studio's export of edited tasks back onto the records of `records_path`."""
    where = str(tasks_file)
    try:
        tasks = json.loads(tasks_file.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(where, f"cannot read Label Studio tasks: {error}") from None
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        raise UserError(where, "is not a JSON list of Label Studio tasks")
    return _put_back(records_path, (
        ((task.get("data") or {}).get("record_id"), f"{where}: task {n}",
         partial(labelstudio.read, task, where=f"{where}: task {n}"))
        for n, task in enumerate(tasks, 1)), output)


def import_spacy(records_path: Path, file: Path, output: Path) -> tuple[int, list[Finding]]:
    """A DocBin written by `export spacy` (and edited) back onto the records."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    try:
        docs = list(DocBin().from_disk(file).get_docs(Vocab()))
    except (OSError, ValueError) as error:
        raise UserError(str(file), f"is not a spaCy DocBin: {error}") from None
    return _put_back(records_path, (
        (doc.user_data.get("id"), f"{file}: doc {n}",
         partial(spacy_docbin.read, doc, where=f"{file}: doc {n}"))
        for n, doc in enumerate(docs, 1)), output)


def import_conllu(records_path: Path, folder: Path, output: Path) -> tuple[int, list[Finding]]:
    """`<record id>.conllu` files written by `export conllu` (and edited) back onto the
    records."""
    return _put_back(records_path, (
        (doc.id, str(file), partial(ud.read_into, doc, where=str(file)))
        for file in _files(folder, ".conllu") for doc in ud.read(file.read_text("utf-8"))),
        output)


def import_xmi(records_path: Path, folder: Path, output: Path) -> tuple[int, list[Finding]]:
    """XMI files edited in INCEpTION (`<record id>.xmi`, as `export xmi` names them) back onto
    the records."""
    return _put_back(records_path, (
        (file.stem, str(file), partial(_read_xmi, file))
        for file in _files(folder, ".xmi")), output)


def _read_xmi(file: Path, record: Record) -> tuple[Record, list[Finding]]:
    try:
        return xmi.read(file.read_text("utf-8"), record), []
    except (ValueError, SyntaxError) as error:
        raise UserError(str(file), f"is not an XMI document of ours: {error}") from None


def _files(folder: Path, suffix: str) -> list[Path]:
    files = sorted(folder.glob(f"*{suffix}"))
    if not files:
        raise UserError(str(folder), f"holds no {suffix} file")
    return files
