"""How to cite a corpus: a BibTeX entry for its card, from its `CITATION.cff` when it has one
(the repository's does), else from the card's own `pretty_name` and `version`.

The dataset version is the card's `version` (semantic, MAJOR.MINOR.PATCH): the build keeps it,
stamps it into the datasheet and this entry, and `sahifa validate` checks it.
"""

from __future__ import annotations

import re

import yaml

from sahifa.errors import UserError

SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
FIRST_VERSION = "0.1.0"


def dataset_version(meta: dict, where: str = "README.md") -> str:
    """The card's `version`, checked; a card without one is at FIRST_VERSION."""
    value = str(meta.get("version", FIRST_VERSION))
    if not SEMVER.fullmatch(value):
        raise UserError(where, f"version {value!r} is not semantic (MAJOR.MINOR.PATCH)")
    return value


def read_cff(text: str | None, where: str = "CITATION.cff") -> dict | None:
    if text is None:
        return None
    try:
        cff = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise UserError(where, f"does not parse: {str(err).splitlines()[0]}") from None
    if not isinstance(cff, dict):
        raise UserError(where, "is not a YAML mapping")
    return cff


def bibtex(meta: dict, cff: dict | None) -> str:
    """One @misc entry; with a CITATION.cff, its title, authors, year and address."""
    version = dataset_version(meta)
    source = cff or {}
    title = source.get("title") or meta.get("pretty_name") or "Arabic news corpus"
    fields = {"title": title, "version": version}
    authors = [_author(a) for a in source.get("authors") or []]
    if authors:
        fields["author"] = " and ".join(authors)
    if source.get("date-released"):
        fields["year"] = str(source["date-released"])[:4]
    url = source.get("repository-code") or source.get("url")
    if url:
        fields["url"] = url
    key = re.sub(r"\W+", "_", title.split(":")[0].strip().lower()) + "_" + version.replace(".", "_")
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{key},\n{body}\n}}"


def _author(author: dict) -> str:
    if "family-names" in author:
        return f"{author['family-names']}, {author.get('given-names', '')}".rstrip(", ")
    return f"{{{author.get('name', 'Anonymous')}}}"


def citation_markdown(meta: dict, cff: dict | None) -> str:
    return f"```bibtex\n{bibtex(meta, cff)}\n```"
