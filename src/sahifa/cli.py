"""The `sahifa` command: build, validate, export, agreement, evaluate, view."""

from __future__ import annotations

import argparse
import math
import shlex
import signal
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from sahifa import __version__
from sahifa.errors import USAGE, UserError

if TYPE_CHECKING:
    from sahifa.annotate.auto import Tagger
    from sahifa.build import BuildOptions

SHARED_DATA = Path("../shared/data")
SHARED_NER = SHARED_DATA / "ner"
QUOTES_DEV = Path("annotation/quotes-dev/gold.jsonl")
WOJOOD_TEST = SHARED_NER / "wojood-sample" / "test.txt"
AQMAR = SHARED_NER / "aqmar"
WOJOOD_TRAIN = SHARED_NER / "wojood-sample" / "train.txt"
NER_SILVER = Path("annotation/ner-silver/silver.jsonl")


def _positive_megabytes(value: str) -> float:
    """A shard size argparse can check: a finite number of megabytes, at least 1 byte."""
    number = float(value)
    if not math.isfinite(number) or number * 1024 * 1024 < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive size in MB")
    return number


def _input(value: str) -> Path | str:
    """A local path, or a URL (kept as it is: a Path would fold its `//`)."""
    from sahifa.ingest.remote import is_url

    return value if is_url(value) else Path(value)


def _workers(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r}: a number of processes, 0 for all cores")
    return number


def _tagger_choice(value: str) -> str:
    from sahifa.annotate import hf
    from sahifa.annotate.auto import TAGGERS

    if value in TAGGERS or (value.startswith(hf.PREFIX) and value[len(hf.PREFIX):]):
        return value
    raise argparse.ArgumentTypeError(
        f"{value!r} is none of {', '.join(TAGGERS)} or hf:<path or model id>")


def _tagger(args) -> Tagger:
    """The tagger the options name; a Hugging Face one is loaded and its mapping checked here,
    once, before any article is read."""
    from sahifa.annotate import hf

    if not args.annotators.startswith(hf.PREFIX):
        if args.tagger_labels is not None:
            raise UserError("--tagger-labels", "goes only with --tagger hf:<model>", USAGE)
        return args.annotators
    tagger = hf.parse(args.annotators, args.tagger_labels)
    hf.load(tagger)
    return tagger


def _build_parser(p: argparse.ArgumentParser) -> None:
    from sahifa.annotate.auto import DEFAULT_TAGGER
    from sahifa.build import ENGINES
    from sahifa.pipeline import READERS

    p.add_argument("--input", type=_input, default=Path("seeds"),
                   help="input folder or file, or its URL on a file system fsspec reads "
                   "(s3://, gs://, hf:// … with fsspec's package for it), copied first into the "
                   "staging folder (default: seeds)")
    p.add_argument("--output", type=Path, default=Path("."),
                   help="dataset folder that gets corpus/, README.md, DATASHEET.md (default: .)")
    p.add_argument("--format", choices=["auto", *sorted(READERS)], default="auto",
                   help="input format; auto: .jsonl/.jsonl.gz files → jsonl, files starting "
                   "with <DOC> → trec, other .txt files → plaintext (default: auto)")
    p.add_argument("--mapping", default=None,
                   help="jsonl only: field mapping, a preset name (saudinewsnet, sahifa), a JSON "
                   "file {our field: input key}, or auto (default: auto, per line)")
    p.add_argument("--drop-duplicates", action="store_true",
                   help="leave exact and near duplicates out (as rejects); by default they are "
                   "kept and listed in corpus/duplicates.jsonl")
    p.add_argument("--workers", type=_workers, default=0,
                   help="processes converting articles; 0 = all cores (the default); the "
                   "output is the same with any number")
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="where articles are converted: local (a process pool on this machine) "
                   "or ray (tasks on a Ray cluster; the ray extra); the output is the same "
                   "(default: local)")
    p.add_argument("--ray-address", default=None, metavar="ADDRESS",
                   help="with --engine ray: the cluster to join (auto, or host:port of its "
                   "head; the RAY_ADDRESS variable also works); default: start a local Ray "
                   "with --workers CPUs for this build")
    p.add_argument("--max-shard-mb", type=_positive_megabytes, default=256,
                   help="largest shard, in MB of uncompressed Arrow data (default: 256)")
    p.add_argument("--progress", action="store_true", help="show a progress bar")
    p.add_argument("--annotators", "--tagger", type=_tagger_choice, default=DEFAULT_TAGGER,
                   help="automatic entity annotation of articles without gold: crf+rules (the "
                   "CRF with the rules' labels among its features), rules (the rules alone), "
                   "crf (the CRF's mentions alone), or hf:<path or model id> (a Hugging Face "
                   "token-classification model beside the rules; the hf extra) "
                   "(default: crf+rules)")
    p.add_argument("--tagger-labels", type=Path, default=None, metavar="JSON",
                   help="with hf:<model>: {their label: our label or null}; default: the usual "
                   "names (PER, LOC, ORG, MISC …) and ours")
    p.add_argument("--check", action="store_true",
                   help="build into a scratch folder and fail if the output differs from it")
    p.set_defaults(run=_run_build)


def _validate_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path, nargs="?", default=Path("."),
                   help="dataset folder (with README.md and corpus/) or one Parquet file")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument("--workers", type=_workers, default=0,
                   help="processes checking records; 0 = all cores (the default); the findings "
                   "are the same with any number")
    p.set_defaults(run=_run_validate)


def _export_parser(p: argparse.ArgumentParser) -> None:
    from sahifa.export import FORMATS

    p.add_argument("format", choices=FORMATS,
                   help="brat: <id>.txt + <id>.ann; conll: <id>.conll (CoNLL-2003 IOB2 of the "
                   "outermost entities, as spacy convert reads it); conll-nested: <id>.conll "
                   "(Wojood's form, every nesting level in a column); labelstudio: tasks.json "
                   "+ label-studio.xml (the project's labeling interface)")
    p.add_argument("--input", type=Path, default=Path("."),
                   help="dataset folder or one Parquet file of the default config (default: .)")
    p.add_argument("--output", type=Path, required=True, help="folder to write into")
    p.set_defaults(run=_run_export)


def _import_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("format", choices=("labelstudio", "xmi", "spacy", "conllu"),
                   help="the tool's export format")
    p.add_argument("--input", type=Path, required=True,
                   help="the tool's export (labelstudio: the JSON list of tasks; xmi: a folder "
                   "of <record id>.xmi, as INCEpTION exports UIMA CAS XMI; spacy: the .spacy "
                   "DocBin; conllu: a folder of <record id>.conllu)")
    p.add_argument("--records", type=Path, default=Path("."),
                   help="dataset folder holding the records the tasks came from (default: .)")
    p.add_argument("--output", type=Path, required=True,
                   help="folder for <id>.txt + <id>.ann per record")
    p.set_defaults(run=_run_import)


def _run_import(args) -> int:
    from sahifa.export import import_conllu, import_labelstudio, import_spacy, import_xmi

    importer = {"labelstudio": import_labelstudio, "spacy": import_spacy,
                "conllu": import_conllu, "xmi": import_xmi}[args.format]
    written, problems = importer(args.records, args.input, args.output)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"wrote {written} records as brat into {args.output}; {len(problems)} annotations "
          "could not be mapped")
    return 1 if problems else 0


def _run_export(args) -> int:
    from sahifa.export import export

    if not args.input.exists():
        print(f"sahifa export: input {args.input} does not exist", file=sys.stderr)
        return 2
    count = export(args.input, args.format, args.output)
    print(f"wrote {count} records as {args.format} into {args.output}")
    return 0 if count else 1


def _pre_annotate_parser(p: argparse.ArgumentParser) -> None:
    from sahifa.pipeline import READERS

    p.add_argument("--input", type=Path, default=Path("seeds"),
                   help="input folder or file, read as the build reads it (default: seeds)")
    p.add_argument("--output", type=Path, required=True,
                   help="work folder for <id>.txt (raw text) and <id>.ann (automatic spans)")
    p.add_argument("--format", choices=["auto", *sorted(READERS)], default="auto",
                   help="input format (default: auto, as for build)")
    p.add_argument("--mapping", default=None, help="jsonl only: field mapping, as for build")
    p.set_defaults(run=_run_pre_annotate)


def _run_pre_annotate(args) -> int:
    from sahifa.export import pre_annotate

    if not args.input.exists():
        print(f"sahifa pre-annotate: input {args.input} does not exist", file=sys.stderr)
        return 2
    result = pre_annotate(args.input, args.output, args.format, args.mapping)
    if not result.read:
        raise UserError(str(args.input), "no input to pre-annotate: no article file the "
                        "readers take is there")
    for reject in result.rejects:
        print(reject, file=sys.stderr)
    print(result.summary())
    print(f"correct the .ann files in {args.output}, delete their Origin and Annotator lines, "
          "and put each beside its input (guidelines §11)")
    return 1 if result.rejects else 0


def _agreement_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("pass_a", type=Path, help="folder of the first pass's <id>.ann files")
    p.add_argument("pass_b", type=Path, help="folder of the second pass's <id>.ann files; "
                   "the articles with a file in both folders are compared")
    p.add_argument("--texts", type=Path, default=Path("seeds"),
                   help="the input the passes annotate, read as the build reads it "
                   "(default: seeds)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--write", type=Path, metavar="DOC",
                       help="put the figures into DOC's <!-- sahifa:agreement --> block")
    group.add_argument("--check", type=Path, metavar="DOC",
                       help="fail if DOC's agreement block differs from the figures")
    p.set_defaults(run=_run_agreement)


def _run_agreement(args) -> int:
    from sahifa import agreement
    from sahifa.ingest.article import IngestError

    doc = args.write or args.check
    command = "sahifa agreement " + " ".join(shlex.quote(a.as_posix()) for a in (
        args.pass_a, args.pass_b, Path("--texts"), args.texts, Path("--write"),
        doc or Path("DATASHEET.md")))
    try:
        result = agreement.compare(args.pass_a, args.pass_b, args.texts)
    except (IngestError, ValueError) as err:
        print(f"sahifa agreement: {err}", file=sys.stderr)
        return 1
    if doc is None:
        print(agreement.markdown(result, command))
        return 0
    current = doc.read_text("utf-8")
    fresh = agreement.update(current, result, command)
    if args.write:
        doc.write_text(fresh, encoding="utf-8")
        return 0
    if fresh != current:
        print(f"stale: the agreement figures in {doc} differ; run `{command}`", file=sys.stderr)
        return 1
    print(f"{doc}: agreement figures are up to date")
    return 0


def _view_parser(p: argparse.ArgumentParser) -> None:
    from sahifa import view

    p.description = view.__doc__
    p.add_argument("source", type=Path,
                   help="raw inputs (a folder or file, read as the build reads them), a dataset "
                   "folder, its corpus/ folder or a Parquet file of the default config, or a "
                   "folder of one annotation pass's <id>.ann files (with --texts)")
    p.add_argument("--output", type=Path, required=True,
                   help="folder of the pages: index.html and <id>.html per article (a folder "
                   "of pages there is replaced whole)")
    p.add_argument("--ids", nargs="+", metavar="ID", help="only these articles")
    p.add_argument("--against", metavar="OTHER",
                   help="diff pages: SOURCE's records are version A, OTHER's version B; OTHER "
                   "is any source, or auto: SOURCE's raw inputs annotated automatically "
                   "(gold vs automatic)")
    p.add_argument("--texts", type=Path, default=None,
                   help="the raw inputs that annotation pass folders annotate")
    p.set_defaults(run=_run_view)


def _run_view(args) -> int:
    from sahifa import view
    from sahifa.view import sources as view_sources

    written = view.Written()
    chosen = _chosen(view_sources.records(args.source, written.rejects, args.texts), args.ids)
    if args.against is None:
        view.write_pages(chosen, args.output, f"sahifa view {args.source}", written)
    else:
        pairs = _versions(chosen, args, written)
        view.write_diffs(pairs, args.output, (str(args.source), args.against), written)
    for reject in written.rejects:
        print(reject, file=sys.stderr)
    for record_id in written.duplicates:
        print(f"{record_id}: a second record of this id is left out", file=sys.stderr)
    print(written.summary(args.output))
    return 1 if written.rejects or written.duplicates else 0


def _chosen(records, ids: list[str] | None):
    """The records of `ids` (all without), failing on an id that none has."""
    if ids is None:
        yield from records
        return
    missing = set(ids)
    for record in records:
        if record.id in ids:
            missing.discard(record.id)
            yield record
    if missing:
        raise UserError("--ids", f"no record has the id {', '.join(sorted(missing))}")


def _versions(chosen, args, written):
    """(A, B) pairs of the records the two sources share, by id."""
    from sahifa.view import sources as view_sources

    if args.against == "auto":
        others = view_sources.automatic(args.source, [])
    else:
        others = view_sources.records(Path(args.against), written.rejects, args.texts)
    b = {record.id: record for record in others}
    shared = 0
    for record in chosen:
        if record.id in b:
            shared += 1
            yield record, b[record.id]
    if not shared:
        raise UserError(args.against, f"no record id is in both {args.source} and it")


def _evaluate_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("--records", type=Path, default=Path("."),
                   help="dataset folder or Parquet file whose gold records are scored "
                        "(default: .)")
    p.add_argument("--wojood", type=Path, nargs="*", default=[WOJOOD_TEST],
                   help=f"nested CoNLL files in Wojood's labels (default: {WOJOOD_TEST})")
    p.add_argument("--aqmar", type=Path, default=AQMAR,
                   help=f"folder of AQMAR *.txt files (default: {AQMAR})")
    p.add_argument("--quotes-dev", type=Path, default=QUOTES_DEV,
                   help=f"quotation development set, offsets only (default: {QUOTES_DEV})")
    p.add_argument("--data", type=Path, default=SHARED_DATA,
                   help=f"where the development set's articles are read (default: {SHARED_DATA})")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--write-docs", type=Path, metavar="DIR",
                       help="also write the tables into DIR/README.md and DIR/DATASHEET.md")
    group.add_argument("--check-docs", type=Path, metavar="DIR",
                       help="fail if the tables in DIR/README.md or DIR/DATASHEET.md differ")
    p.set_defaults(run=_run_evaluate)


def _publish_parser(p: argparse.ArgumentParser) -> None:
    from sahifa import publish

    p.description = publish.__doc__
    p.add_argument("path", type=Path, nargs="?", default=Path("."),
                   help="dataset folder (default: .)")
    p.add_argument("--repo-id", help="Hub dataset repository, owner/name (needed to upload)")
    p.add_argument("--dry-run", action="store_true",
                   help="run the checks and list the files, upload nothing")
    p.add_argument("--seeds", type=Path, default=None,
                   help="raw input the corpus is built from, for the freshness check "
                   "(default: <path>/seeds when it exists)")
    p.add_argument("--pr", action="store_true", help="upload as a pull request")
    p.add_argument("--revision", default=None, help="branch to commit to (default: main)")
    p.add_argument("--tag", action="store_true", help="tag the commit v<dataset version>")
    p.set_defaults(run=_run_publish)


def _run_publish(args, api=None) -> int:
    from sahifa import publish

    seeds = args.seeds or (args.path / "seeds" if (args.path / "seeds").is_dir() else None)
    checked = publish.plan(args.path, seeds)
    for line in checked.checks:
        print(f"ok: {line}")
    print(checked.listing())
    if args.dry_run:
        return 0
    if not args.repo_id:
        raise UserError("--repo-id", "is needed to upload (or give --dry-run)", USAGE)
    if api is None:
        from huggingface_hub import HfApi

        api = HfApi()
    publish.upload(checked, api, args.repo_id, revision=args.revision, create_pr=args.pr,
                   tag=args.tag)
    print(f"uploaded {len(checked.files)} files to datasets/{args.repo_id}")
    return 0


def _train_parser(p: argparse.ArgumentParser) -> None:
    from sahifa import train as train_module

    p.description = train_module.__doc__
    p.add_argument("--records", type=Path, default=Path("."),
                   help="dataset folder whose train split holds the gold records (default: .)")
    p.add_argument("--wojood", type=Path, default=WOJOOD_TRAIN,
                   help=f"Wojood sample train split, tried as extra data (default: {WOJOOD_TRAIN};"
                   " left out when absent)")
    p.add_argument("--silver", type=Path, default=NER_SILVER,
                   help=f"silver entity set (offsets), tried as extra data (default: {NER_SILVER};"
                   " left out when absent)")
    p.add_argument("--data", type=Path, default=SHARED_DATA,
                   help=f"folder holding the silver set's articles (default: {SHARED_DATA}; the "
                   "set is left out when absent)")
    p.add_argument("--output", type=Path, default=None,
                   help="model file (default: the one the package ships)")
    p.add_argument("--card", type=Path, default=Path("MODEL.md"),
                   help="model card to write (default: MODEL.md)")
    p.add_argument("--workers", type=_workers, default=0,
                   help="processes fitting the cross-validation folds; 0 = all cores "
                   "(default: 0; the model is the same with any number)")
    p.add_argument("--check", action="store_true",
                   help="train into a scratch folder and fail unless the model and card are "
                   "byte-identical to the shipped ones")
    p.set_defaults(run=_run_train)


def _run_train(args) -> int:
    from sahifa import train as train_module
    from sahifa.annotate import crf
    from sahifa.offset_sets import read_rows, sources_present
    from sahifa.parallel import worker_count

    shipped = args.output or crf.model_path()
    wojood = args.wojood if args.wojood.is_file() else None
    silver_here = args.silver.is_file() and sources_present(read_rows(args.silver), args.data)
    card = _read_or_empty(args.card)
    absent = [what for what, missing in (
        (args.wojood, wojood is None and args.wojood.name in card),
        (args.data, not silver_here and "of the silver entity set" in card)) if missing]
    if args.check and absent:
        print(f"sahifa train --check: skipped: the shipped model was trained with "
              f"{absent[0]}, which is absent here", file=sys.stderr)
        return 0
    silver = train_module.silver_records(args.silver, args.data) if silver_here else None
    command = "sahifa train" + (f" --records {args.records}" if args.records != Path(".") else "")
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "crf.model" if args.check else shipped
        report = train_module.train(args.records, wojood, target, Path(scratch),
                                    worker_count(args.workers), silver)
        card = train_module.model_card(report, command)
        if args.check:
            stale = [name for name, same in (
                (str(shipped), shipped.is_file() and shipped.read_bytes() == target.read_bytes()),
                (str(args.card), args.card.is_file() and args.card.read_text("utf-8") == card))
                if not same]
            for name in stale:
                print(f"stale: {name} differs from a fresh `{command}`", file=sys.stderr)
            return 1 if stale else 0
    args.card.write_text(card, encoding="utf-8")
    print(f"wrote {shipped} and {args.card}: {report.sequences} sequences from "
          f"{report.articles} articles")
    return 0


def _read_or_empty(path: Path) -> str:
    return path.read_text("utf-8") if path.is_file() else ""


def _options(args) -> BuildOptions:
    from sahifa import engine_ray
    from sahifa.annotate.auto import DEFAULT_TAGGER
    from sahifa.build import BuildOptions

    words = ["--input", str(args.input), "--output", args.output.as_posix()]
    if args.format != "auto":
        words += ["--format", args.format]
    if args.mapping is not None:
        words += ["--mapping", args.mapping]
    if args.drop_duplicates:
        words.append("--drop-duplicates")
    if args.annotators != DEFAULT_TAGGER:
        words += ["--annotators", args.annotators]
    if args.tagger_labels is not None:
        words += ["--tagger-labels", args.tagger_labels.as_posix()]
    command = "sahifa build " + " ".join(map(shlex.quote, words))
    workers = _build_workers(args)
    if args.ray_address is not None and args.engine != "ray":
        raise UserError("--ray-address", "goes only with --engine ray", USAGE)
    if args.engine == "ray":
        engine_ray.ray_module()  # one line on how to install it, before anything is read
    return BuildOptions(
        input=args.input, output=args.output, format=args.format, mapping=args.mapping,
        drop_duplicates=args.drop_duplicates, tagger=_tagger(args), workers=workers,
        max_shard_bytes=int(args.max_shard_mb * 1024 * 1024),
        progress=args.progress, command=command, engine=args.engine,
        ray_address=args.ray_address,
    )


def _build_workers(args) -> int:
    """Every core by default; one process with a Hugging Face tagger, whose model runs on
    torch's own threads (a process forked from one that has loaded torch can hang)."""
    from sahifa.annotate import hf
    from sahifa.parallel import worker_count

    if not args.annotators.startswith(hf.PREFIX):
        return worker_count(args.workers)
    if args.workers > 1:
        raise UserError("--workers", "a Hugging Face tagger runs in one process (it uses "
                        "torch's threads); leave --workers out or give 1", USAGE)
    return 1


def _run_build(args) -> int:
    from sahifa.build import build, stale_files
    from sahifa.ingest.remote import is_url

    if not is_url(args.input) and not args.input.exists():
        print(f"sahifa build: input {args.input} does not exist", file=sys.stderr)
        return 2
    options = _options(args)
    problem = _option_problem(options)
    if problem:
        print(f"sahifa build: {problem}", file=sys.stderr)
        return 2
    if args.check:
        stale = stale_files(options)
        for name in stale:
            print(f"stale: {name} differs from a fresh build", file=sys.stderr)
        if stale:
            print(f"run `{options.command}` and commit the result", file=sys.stderr)
            return 1
        print(f"{args.output}: corpus, card and datasheet are what a fresh build gives")
        return 0
    result = build(options)
    for bug in result.bugs:
        print(f"{bug.where}: {bug.message}\n{bug.traceback}", file=sys.stderr)
    print(result.summary())
    if result.rejected:
        print(f"rejects listed in {args.output / 'corpus' / 'rejects.jsonl'}", file=sys.stderr)
        return 1
    return 0


def _option_problem(options: BuildOptions) -> str | None:
    from sahifa.ingest.readers.jsonl import load_mapping
    from sahifa.ingest.remote import is_url
    from sahifa.pipeline import formats_of

    if options.mapping is None:
        return None
    formats = [] if is_url(options.input) else formats_of(options.input, options.format)
    if formats and "jsonl" not in formats:  # a URL's formats are known once it is copied
        return f"--mapping applies to jsonl input, and {options.input} is {formats[0]}"
    try:
        load_mapping(options.mapping)
    except ValueError as err:
        return str(err)
    return None


def _run_validate(args) -> int:
    from sahifa.parallel import worker_count
    from sahifa.validate.runner import validate_path

    report = validate_path(args.path, worker_count(args.workers))
    if args.json:
        print(report.to_json())
    else:
        for finding in report.findings:
            print(finding)
        print(report.summary())
    return 1 if report.findings else 0


def _evaluations(args, tagger: Tagger):
    """The evaluations of the records, Wojood and AQMAR with one tagger, and what is missing."""
    from sahifa.annotate import crf
    from sahifa.evaluate.run import AQMAR_GOLD, AQMAR_PREDICTED, evaluate_conll, evaluate_records

    evaluations, quote_evaluations, missing = [], [], []
    if args.records.exists():
        evaluations, quote_evaluations = evaluate_records(args.records, tagger)
    else:
        missing.append(args.records)
    wojood = [f for f in args.wojood if f.exists()]
    missing += [f for f in args.wojood if not f.exists()]
    if wojood:
        evaluations.append(evaluate_conll(
            "Wojood " + ", ".join(f.name for f in wojood) + ", CRF in its Wojood domain",
            wojood, tagger=tagger, domain=crf.WOJOOD))
    if args.aqmar.is_dir():
        evaluations.append(evaluate_conll(
            "AQMAR", sorted(args.aqmar.glob("*.txt")), AQMAR_GOLD.get, AQMAR_PREDICTED.get,
            flat=True, tagger=tagger))
    else:
        missing.append(args.aqmar)
    return evaluations, quote_evaluations, missing


def _dev_set_evaluations(args) -> tuple[list, list[Path]]:
    """The quotation development set's figures (default annotators only: the comparison of
    taggers is about entities), and what is missing."""
    from sahifa.annotate.auto import DEFAULT_TAGGER
    from sahifa.evaluate.quotes_dev import evaluate_dev_set

    if args.quotes_dev.exists() and args.data.is_dir():
        return evaluate_dev_set(args.quotes_dev, args.data, DEFAULT_TAGGER), []
    return [], [p for p in (args.quotes_dev, args.data) if not p.exists()]


def _run_evaluate(args) -> int:
    from sahifa.annotate import crf
    from sahifa.annotate.auto import DEFAULT_TAGGER
    from sahifa.evaluate.report import markdown, speed_table

    evaluations, quote_evaluations, missing = _evaluations(args, DEFAULT_TAGGER)
    dev_set, dev_missing = _dev_set_evaluations(args)
    quote_evaluations += dev_set
    missing += dev_missing
    comparison = []
    if crf.available():
        comparison = list(zip(_evaluations(args, "rules")[0], _evaluations(args, "crf")[0],
                              evaluations, strict=True))
    for path in missing:
        print(f"sahifa evaluate: {path} does not exist; skipped", file=sys.stderr)
    command = "sahifa evaluate " + " ".join(
        shlex.quote(a) for a in ("--records", args.records.as_posix(), "--wojood",
                                 *(f.as_posix() for f in args.wojood),
                                 "--aqmar", args.aqmar.as_posix(),
                                 "--quotes-dev", args.quotes_dev.as_posix(),
                                 "--data", args.data.as_posix()))
    text = markdown(evaluations, command, quote_evaluations, comparison)
    print(text)
    if comparison:
        print(speed_table(comparison))
    stale = _evaluation_docs(args.write_docs or args.check_docs, text, write=bool(args.write_docs))
    for path in stale:
        print(f"stale: the evaluation figures in {path} differ; run `{command} --write-docs "
              f"{path.parent}`", file=sys.stderr)
    return 1 if missing or stale else 0


def _evaluation_docs(folder: Path | None, text: str, write: bool) -> list[Path]:
    """Write the evaluation block of the folder's README.md and DATASHEET.md, or list those
    whose block differs."""
    from sahifa.write.card import replace_block

    stale = []
    for path in (folder / name for name in ("README.md", "DATASHEET.md")) if folder else ():
        current = path.read_text("utf-8")
        fresh = replace_block(current, "evaluation", text)
        if write:
            path.write_text(fresh, "utf-8")
        elif fresh != current:
            stale.append(path)
    return stale


# Each command imports its modules in its own functions, and only the chosen command's arguments
# are declared: one command's start-up does not pay for the others' imports (datasets, seqeval,
# scikit-learn, mlcroissant … take seconds).
COMMANDS = {  # name: (help, the function that declares its arguments)
    "build": ("convert raw articles into the corpus (Parquet, card, datasheet)",
              _build_parser),
    "validate": ("validate a dataset folder or a Parquet file", _validate_parser),
    "export": ("write the records' annotations as brat, CoNLL or Label Studio files",
               _export_parser),
    "import": ("put annotations edited in Label Studio back on their records, as brat files "
               "the build reads as gold", _import_parser),
    "pre-annotate": ("automatic spans as brat files to correct, for the inputs that have no "
                     "gold annotations yet", _pre_annotate_parser),
    "agreement": ("agreement of two independent annotation passes", _agreement_parser),
    "view": ("write static right-to-left HTML pages of records with their annotations, or of "
             "the disagreements of two versions", _view_parser),
    "evaluate": ("score the automatic annotators (the rules, the CRF, CRF+rules side by side, "
                 "and how fast each is) against gold records and CoNLL files",
                 _evaluate_parser),
    "train": ("train the CRF entity tagger on the gold train split", _train_parser),
    "publish": ("check a dataset folder offline and upload its allowlisted files to the "
                "Hugging Face Hub", _publish_parser),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sahifa", description=__doc__)
    parser.add_argument("--version", action="version", version=f"sahifa {__version__}")
    sub = parser.add_subparsers(required=True, metavar="command", dest="command")
    chosen = _command_in(sys.argv[1:] if argv is None else argv)
    for name, (help_text, declare_arguments) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text)
        if name == chosen:
            declare_arguments(command_parser)
    args = parser.parse_args(argv)
    command = args.command
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return args.run(args)
    except UserError as err:
        print(f"sahifa {command}: {err}", file=sys.stderr)
        return err.code
    except KeyboardInterrupt:
        print(f"sahifa {command}: interrupted; nothing was changed", file=sys.stderr)
        return 130
    except OSError as err:  # the machine: a read-only folder, a full disk, a file gone
        where = err.filename if err.filename is not None else "-"
        print(f"sahifa {command}: {where}: {err.strerror or err}", file=sys.stderr)
        return USAGE


def _command_in(argv: list[str]) -> str | None:
    """The command the arguments name: the first that is no option (`sahifa` itself takes
    only --help and --version, which take no value)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def _interrupt(signum, frame) -> None:
    """SIGTERM stops a command as Ctrl-C does: cleanly, with one line."""
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
