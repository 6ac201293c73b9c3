"""Identifiers made from keep.eu's text: uid slugs (Greek and Cyrillic transliterated),
short hashes, import names and source ids, ISO country codes, and the word splitting that
programme names and file names are compared by."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from partnergraph.text import slugify

__all__ = [
    "SPLIT_WORDS",
    "import_name",
    "iso_country",
    "short_hash",
    "slug",
    "source_id_for",
]

#: Greek and Cyrillic letters → Latin, so acronyms of Balkan programmes get readable uids.
_TRANSLIT_PAIRS = (
    "а:a б:b в:v г:g д:d е:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f "
    "х:h ц:ts ч:ch ш:sh щ:sht ъ:a ь: ю:yu я:ya ѓ:g ќ:k џ:dz љ:lj њ:nj ђ:d ћ:c ј:j ѕ:dz э:e "
    "ы:y ё:e є:ye і:i ї:yi α:a β:v γ:g δ:d ε:e ζ:z η:i θ:th ι:i κ:k λ:l μ:m ν:n ξ:x ο:o "
    "π:p ρ:r σ:s ς:s τ:t υ:y φ:f χ:ch ψ:ps ω:o ά:a έ:e ή:i ί:i ό:o ύ:y ώ:o ϊ:i ϋ:y ΐ:i ΰ:y"
)
_TRANSLIT = str.maketrans(dict(pair.split(":") for pair in _TRANSLIT_PAIRS.split()))


def slug(text: str) -> str:
    """slugify, after transliterating Greek and Cyrillic (acronyms of Balkan programmes)."""
    return slugify(text.lower().translate(_TRANSLIT))


def short_hash(text: str, size: int = 6) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:size]


def import_name(paths: Sequence[Path]) -> str:
    """The workspace name of an import: the first file's name as a slug (+ how many more)."""
    first = slug(paths[0].stem) or "import"
    return first if len(paths) == 1 else f"{first}-and-{len(paths) - 1}-more"


def source_id_for(path: Path) -> str:
    """``import-<slug of the file name>-<hash of the file name>``: stable across updated
    exports saved under the same name, so they update the same nodes in place."""
    name_slug = (slug(path.stem) or "file")[:48].strip("-")
    return f"import-{name_slug}-{short_hash(path.name)}"


_EU_CODES = {"EL": "GR", "UK": "GB"}


def iso_country(code: str) -> str:
    code = code.strip().upper()
    return _EU_CODES.get(code, code)


#: splits folded text into its words (programme names, file names)
SPLIT_WORDS = re.compile(r"[^a-z0-9]+")
