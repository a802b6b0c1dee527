"""The evaluations as Markdown tables (printed by `sahifa evaluate`, and written into the
`evaluation` blocks of README.md and DATASHEET.md)."""

from __future__ import annotations

from sahifa.evaluate.metrics import ALL
from sahifa.evaluate.quotes import QuoteCounts, QuoteEvaluation
from sahifa.evaluate.run import ENTITY_LABELS, Evaluation

TAGGER_NAMES = ("rules", "CRF", "CRF+rules")  # the comparison's columns (`_run_evaluate`)
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


QUOTE_HEADER = ("| publication | articles | gold | found exactly | found overlapping | named "
                "speakers | speaker right (mention) | speaker right (person) | cues right | "
                "false quotations |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "-"


def _quote_row(name: str, c: QuoteCounts) -> str:
    return (f"| {name} | {c.articles} | {c.gold} | {_share(c.exact, c.gold)} "
            f"| {_share(c.overlapping, c.gold)} | {c.named} | {_share(c.speaker_exact, c.named)} "
            f"| {_share(c.speaker_name, c.named)} | {_share(c.cue_right, c.cues)} | {c.false} |")


def quote_table(evaluation: QuoteEvaluation) -> str:
    """Per-publication quotation figures, then the errors by kind (with examples, where the
    rules may be tuned on the split)."""
    rows = [f"**{evaluation.name}**", "", QUOTE_HEADER]
    rows += [_quote_row(name, c) for name, c in sorted(evaluation.by_publication.items())]
    rows += [_quote_row("**all**", evaluation.total), ""]
    if evaluation.errors:
        rows += ["| error | count |" + (" examples |" if evaluation.with_examples else ""),
                 "|---|---:|" + ("---|" if evaluation.with_examples else "")]
        for kind, n in evaluation.errors.most_common():
            examples = "; ".join(evaluation.examples.get(kind, [])).replace("|", "/")
            rows.append(f"| {kind} | {n} |" + (f" {examples} |" if evaluation.with_examples
                                               else ""))
        if not evaluation.with_examples:
            rows += ["", f"(No examples: {evaluation.no_examples}.)"]
    return "\n".join(rows) + "\n"


def comparison_table(rows_of: list[tuple[Evaluation, ...]],
                     taggers: tuple[str, ...] = TAGGER_NAMES) -> str:
    """The taggers side by side (rules alone, the CRF's mentions alone, the CRF with the rules),
    strict and partial scores of all entities, per evaluation."""
    head = " | ".join(f"{t} {s}" for t in taggers for s in ("P", "R", "F1", "partial F1"))
    rows = [f"**{' vs '.join(taggers)}** (all labels; strict, and partial F1)", "",
            f"| evaluation | {head} |", "|---|" + "---:|" * (4 * len(taggers))]
    for evaluations in rows_of:
        spans = [e.spans.get(ALL) for e in evaluations]
        if all(spans):
            cells = " | ".join(
                f"{_f(s['strict'].precision)} | {_f(s['strict'].recall)} "
                f"| {_f(s['strict'].f1)} | {_f(s['partial'].f1)}" for s in spans)
            rows.append(f"| {evaluations[-1].name} | {cells} |")
    return "\n".join(rows) + "\n"


def label_comparison_tables(rows_of: list[tuple[Evaluation, ...]],
                            taggers: tuple[str, ...] = TAGGER_NAMES) -> list[str]:
    """Per label, the taggers' strict and partial F1, for each held-out evaluation (the gold
    test split, nested and outermost)."""
    head = " | ".join(f"{t} {s}" for t in taggers for s in ("F1", "partial F1"))
    tables = []
    for evaluations in rows_of:
        if not evaluations[-1].held_out:
            continue
        rows = [f"**{' vs '.join(taggers)} per label: {evaluations[-1].name}** (strict F1, "
                "partial F1)", "", f"| label | gold | {head} |",
                "|---|---:|" + "---:|" * (2 * len(taggers))]
        used = [label for label in ENTITY_LABELS if any(label in e.spans for e in evaluations)]
        for label in [*used, ALL]:
            spans = [e.spans.get(label) for e in evaluations]
            gold = next(s["strict"].gold for s in spans if s)
            cells = " | ".join(f"{_f(s['strict'].f1)} | {_f(s['partial'].f1)}" if s
                               else "- | -" for s in spans)
            rows.append(f"| {label} | {gold} | {cells} |")
        tables.append("\n".join(rows) + "\n")
    return tables


def speed_table(rows_of: list[tuple[Evaluation, ...]],
                taggers: tuple[str, ...] = TAGGER_NAMES) -> str:
    """How fast each tagger annotated each evaluation's documents, per CPU second, as new
    texts and with its loading left out (`run.timed`)."""
    rows = [f"**{' vs '.join(taggers)}: annotation speed** (documents per CPU second, as new "
            "texts, the first document of each evaluation left out; this run's, which vary by "
            "machine and hour, so they are printed, not written into the docs)", "",
            f"| evaluation | timed | {' | '.join(taggers)} |",
            "|---|---:|" + "---:|" * len(taggers)]
    for evaluations in rows_of:
        speeds = [e.speed for e in evaluations]
        if all(speeds):
            cells = " | ".join(f"{s.per_second:,.1f} {s.unit}/s" for s in speeds)
            rows.append(f"| {evaluations[-1].name} | {speeds[-1].documents} | {cells} |")
    return "\n".join(rows) + "\n"


def markdown(evaluations: list[Evaluation], command: str,
             quote_evaluations: list[QuoteEvaluation] = (),
             comparison: list[tuple[Evaluation, ...]] = ()) -> str:
    intro = (f"Reproduce with `{command}`. Span scores as nervaluate defines them (strict: "
             "boundaries and label; exact: boundaries; partial: overlap counts half; type: "
             "overlap with the right label); IOB2 F1 from seqeval (strict mode) per label. "
             "Quotations: a gold quotation is found exactly (same span) or overlapping; its "
             "speaker is right when the automatic speaker is the gold mention (mention) or "
             "another mention of the same person (person: same last name word); named "
             "speakers are gold quotations whose speaker is named in the text; a false "
             "quotation overlaps no gold one.\n")
    head = ([comparison_table(list(comparison)), *label_comparison_tables(list(comparison))]
            if comparison else [])
    return "\n".join([intro, *head, *map(table, evaluations),
                      *map(quote_table, quote_evaluations)])
