"""The evaluations as Markdown tables (printed by `sahifa evaluate`, and written into the
`evaluation` blocks of README.md and DATASHEET.md)."""

from __future__ import annotations

from sahifa.evaluate.metrics import ALL
from sahifa.evaluate.run import Evaluation

HEADER = ("| label | gold | predicted | strict P | strict R | strict F1 | exact F1 | partial F1 "
          "| type F1 | IOB2 F1 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def _f(x: float) -> str:
    return f"{x:.3f}"


def table(evaluation: Evaluation) -> str:
    if not evaluation.spans:
        return f"**{evaluation.name}**: nothing to score.\n"
    rows = [f"**{evaluation.name}**", "", HEADER]
    for label in [*evaluation.labels, ALL]:
        spans = evaluation.spans.get(label)
        if spans is None:
            continue
        strict, iob = spans["strict"], evaluation.iob.get(label)
        rows.append(
            f"| {label} | {strict.gold} | {strict.predicted} | {_f(strict.precision)} "
            f"| {_f(strict.recall)} | {_f(strict.f1)} | {_f(spans['exact'].f1)} "
            f"| {_f(spans['partial'].f1)} | {_f(spans['ent_type'].f1)} "
            f"| {_f(iob.f1) if iob else '-'} |")
    if evaluation.quotes is not None and evaluation.quotes.span.gold:
        q = evaluation.quotes
        rows += ["", "| quotations | gold | predicted | P | R | F1 | matched | speaker acc. "
                 "| cue acc. |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
                 f"| exact span | {q.span.gold} | {q.span.predicted} | {_f(q.span.precision)} "
                 f"| {_f(q.span.recall)} | {_f(q.span.f1)} | {q.matched} "
                 f"| {_f(q.speaker_accuracy)} | {_f(q.cue_accuracy)} |"]
    if evaluation.corrections is not None and evaluation.corrections.gold:
        c = evaluation.corrections
        rows += ["", "| corrections (span and form) | gold | predicted | P | R | F1 |",
                 "|---|---:|---:|---:|---:|---:|",
                 f"| all kinds | {c.gold} | {c.predicted} | {_f(c.precision)} "
                 f"| {_f(c.recall)} | {_f(c.f1)} |"]
    return "\n".join(rows) + "\n"


def markdown(evaluations: list[Evaluation], command: str) -> str:
    intro = (f"Reproduce with `{command}`. Span scores as nervaluate defines them (strict: "
             "boundaries and label; exact: boundaries; partial: overlap counts half; type: "
             "overlap with the right label); IOB2 F1 from seqeval (strict mode) per label.\n")
    return "\n".join([intro, *map(table, evaluations)])
