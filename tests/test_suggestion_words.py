"""The significant words of a product's name (coop_member_shifts/tools/suggestion_words.py),
used to show a member the suggestions and products like theirs before they post it."""

import importlib.util

from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "suggestion_words", ROOT / "coop_member_shifts" / "tools" / "suggestion_words.py"
)
sw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sw)


def test_case_and_accents_do_not_matter():
    assert sw.significant_words("FROMAGE de Chèvre") == sw.significant_words("fromage de chevre")
    assert sw.fold("Pâté ÉCRÉMÉ") == "pate ecreme"


def test_small_words_and_labels_are_left_out():
    assert sw.significant_words("Farine de blé bio en vrac") == ["farine"]
    assert sw.significant_words("de la bio") == []


def test_shared_words_counts_the_words_found():
    words = sw.significant_words("Tomme de chèvre fermière")
    assert sw.shared_words(words, "TOMME DE CHEVRE") == 2
    assert sw.shared_words(words, "Lessive") == 0


def test_the_sql_translation_matches_fold():
    assert len(sw.ACCENTED) == len(sw.PLAIN)
    for accented, plain in zip(sw.ACCENTED, sw.PLAIN, strict=True):
        assert sw.fold(accented) == plain


@given(st.text())
def test_words_are_folded_distinct_long_enough_and_few(text):
    words = sw.significant_words(text)
    assert len(words) == len(set(words)) <= 8
    for word in words:
        assert word == sw.fold(word)
        assert len(word) >= sw.MIN_LENGTH
        assert word not in sw.STOP_WORDS
