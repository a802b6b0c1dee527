"""`sahifa publish`: put a dataset folder on the Hugging Face Hub, the files of an allowlist only
(never a virtual environment, a cache, raw inputs or the toolkit), after every offline check.

The listing uses `huggingface_hub`'s own pattern filter, the one `upload_folder` applies, so the
dry run lists exactly what an upload sends. The upload is one `HfApi.upload_folder` call (as a
pull request, or onto a revision), then a tag of the dataset version when asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from huggingface_hub import DatasetCard
from huggingface_hub.utils import filter_repo_objects

from sahifa.build import BuildOptions, stale_files
from sahifa.errors import DATA, USAGE, UserError
from sahifa.validate.runner import validate_path
from sahifa.write.citation import dataset_version

ALLOW = ["README.md", "DATASHEET.md", "LICENSE.md", "CHANGELOG.md", "CITATION.cff",
         "croissant.json", "corpus/*/*.parquet", "schema/*.json", "annotation/viewer/*.png"]
IGNORE = [".*", ".*/**", "**/.*", "**/__pycache__/**"]
REQUIRED = ["README.md", "DATASHEET.md"]


class HubApi(Protocol):
    """The part of `huggingface_hub.HfApi` that publishing uses."""

    def upload_folder(self, **kwargs): ...

    def create_tag(self, repo_id: str, **kwargs): ...


@dataclass
class Plan:
    root: Path
    files: list[tuple[str, int]]  # (path in the repository, bytes)
    version: str
    checks: list[str] = field(default_factory=list)  # what was checked, in order

    def listing(self) -> str:
        width = max((len(name) for name, _ in self.files), default=0)
        lines = [f"{name:<{width}}  {size:>12,} bytes" for name, size in self.files]
        total = sum(size for _, size in self.files)
        return "\n".join([*lines, f"{len(self.files)} files, {total:,} bytes, dataset version "
                          f"{self.version}"])


def files_to_publish(root: Path) -> list[tuple[str, int]]:
    """(path, size) of every file under `root` the allowlist admits, in path order."""
    names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                   if p.is_file() and ".venv" not in p.relative_to(root).parts)
    kept = filter_repo_objects(names, allow_patterns=ALLOW, ignore_patterns=IGNORE)
    return [(name, (root / name).stat().st_size) for name in kept]


def plan(root: Path, seeds: Path | None = None) -> Plan:
    """Check the folder offline and list what would be uploaded; a failed check is a
    UserError naming it."""
    missing = [name for name in REQUIRED if not (root / name).is_file()]
    if missing:
        raise UserError(str(root), f"is not a dataset folder: no {', '.join(missing)}", USAGE)
    version = dataset_version(DatasetCard.load(root / "README.md").data.to_dict(),
                              str(root / "README.md"))
    checks = []
    report = validate_path(root)
    if report.findings:
        raise UserError(str(root), f"does not validate ({len(report.findings)} findings; "
                        f"the first: {report.findings[0]}); run `sahifa validate {root}`", DATA)
    checks.append(f"validation: {report.summary()}")
    if seeds is not None:
        stale = stale_files(BuildOptions(input=seeds, output=root,
                                         command=f"sahifa build --input {seeds} --output {root}"))
        if stale:
            raise UserError(str(root), f"is stale: {', '.join(stale)} differ from a fresh build "
                            f"of {seeds}", DATA)
        checks.append(f"freshness: corpus, card and datasheet are a fresh build of {seeds}")
    croissant = root / "croissant.json"
    if croissant.is_file():
        checks.append(f"croissant: {_check_croissant(croissant)}")
    files = files_to_publish(root)
    if not any(name.endswith(".parquet") for name, _ in files):
        raise UserError(str(root), "has no Parquet file to publish", DATA)
    return Plan(root, files, version, checks)


def _check_croissant(path: Path) -> str:
    """mlcroissant's validation of the file, and a first row of every record set."""
    import mlcroissant as mlc

    try:
        dataset = mlc.Dataset(path)
        for record_set in dataset.metadata.record_sets:
            next(iter(dataset.records(record_set.id)), None)
    except (mlc.ValidationError, mlc.GenerationError) as error:
        raise UserError(str(path), f"is not valid Croissant: {error}", DATA) from None
    return f"{path.name} validates and its {len(dataset.metadata.record_sets)} record sets load"


def upload(publish_plan: Plan, api: HubApi, repo_id: str, *, revision: str | None = None,
           create_pr: bool = False, tag: bool = False) -> None:
    """Send the planned files in one commit; tag the dataset version (`v<version>`) if asked."""
    api.upload_folder(
        repo_id=repo_id, repo_type="dataset", folder_path=str(publish_plan.root),
        allow_patterns=ALLOW, ignore_patterns=IGNORE, revision=revision, create_pr=create_pr,
        commit_message=f"Dataset version {publish_plan.version}")
    if tag:
        api.create_tag(repo_id, tag=f"v{publish_plan.version}", repo_type="dataset",
                       revision=revision)
