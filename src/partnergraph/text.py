"""Text folding shared by search, uid slugs and entity resolution.

Polish names keep their diacritics in the data; only the comparison key is folded, so that
"Elblag", "elbląg" and "ELBLĄG" meet. NFKD removes most accents, but "ł" is a letter of its
own in Unicode (no decomposition), hence the explicit table.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "slugify"]

_NO_DECOMPOSITION = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "Đ": "D"}
)
_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Return a case- and diacritic-insensitive comparison key with single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_NO_DECOMPOSITION))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.casefold()).strip()


def slugify(text: str) -> str:
    """ASCII slug for uids: ``"Gmina Miasta Gdańsk"`` → ``"gmina-miasta-gdansk"``."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")
