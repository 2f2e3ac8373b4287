"""Translations: every .po parses; French and Dutch are complete and in step with the template.

The OCA po checker (see test_linters) checks syntax and placeholders; completeness against the
.pot is checked here, since no linter compares the two files. Dutch is for the Belgian coops
(a call centre that works in French and Dutch).
"""

import polib
import pytest

from conftest import ROOT

# The OCA po format clears a msgstr equal to its msgid (Odoo then shows the source):
# such an entry is marked by this translator comment, so that a forgotten one still fails.
SAME_AS_SOURCE = {"fr": "same in French", "nl": "same in Dutch"}
LANGUAGES = sorted(SAME_AS_SOURCE)


def untranslated(po, lang):
    return [e.msgid for e in po if e.msgid and not e.msgstr and e.tcomment != SAME_AS_SOURCE[lang]]


def test_po_files_parse(addon):
    files = sorted((ROOT / addon / "i18n").glob("*.po*"))
    assert files, f"{addon} has no translation files"
    for path in files:
        polib.pofile(str(path))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translation_is_complete(addon, lang):
    po = polib.pofile(str(ROOT / addon / "i18n" / f"{lang}.po"))
    missing = untranslated(po, lang)
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not missing, f"{addon} {lang}: untranslated: {missing[:10]}"
    assert not fuzzy, f"{addon} {lang}: fuzzy: {fuzzy[:10]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translation_covers_the_template(addon, lang):
    pot = polib.pofile(str(ROOT / addon / "i18n" / f"{addon}.pot"))
    po = polib.pofile(str(ROOT / addon / "i18n" / f"{lang}.po"))
    missing = {e.msgid for e in pot if e.msgid} - {e.msgid for e in po}
    assert not missing, f"{addon}: in the .pot, not translated in {lang}.po: {sorted(missing)[:10]}"
