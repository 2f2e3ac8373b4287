"""The significant words of a product's name, to find suggestions or products like a new one.

Pure Python, no Odoo: lower case, accents taken off, words of at least ``MIN_LENGTH``
letters that are not among the small words of French, Dutch and English.
"""

import re
import unicodedata

MIN_LENGTH = 4
# Small words that say nothing of the product (articles, "organic", units...).
STOP_WORDS = frozenset(
    {
        *("avec", "sans", "pour", "dans", "chez", "leur", "leurs", "cette", "tres", "plus"),
        *("bien", "voor", "zonder", "deze", "heel", "with", "from", "that", "this", "very"),
        *("biologique", "organic", "biologisch", "local", "locale", "artisanal", "vrac"),
        *("bulk", "kilo", "kilos", "gramme", "grammes", "litre", "litres"),
    }
)
# What ``fold`` turns each accented letter into, for PostgreSQL's ``translate()``.
ACCENTED = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿ"
PLAIN = "aaaaaaceeeeiiiinooooouuuuyy"


def fold(text):
    """``text`` in lower case, without accents ("Pâté" gives "pate")."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def significant_words(text, limit=8):
    """The distinct significant words of ``text``, folded, longest first, at most ``limit``."""
    words = {
        word
        for word in re.findall(r"[a-z0-9]+", fold(text))
        if len(word) >= MIN_LENGTH and word not in STOP_WORDS
    }
    return sorted(words, key=lambda word: (-len(word), word))[:limit]


def shared_words(words, text):
    """How many of ``words`` (folded) appear in ``text``."""
    folded = fold(text)
    return sum(1 for word in words if word in folded)
