"""Translations: every .po parses; French is complete and in step with the template.

The OCA po checker (see test_linters) checks syntax and placeholders; completeness against the
.pot is checked here, since no linter compares the two files.
"""

import polib

from conftest import ROOT

# The OCA po format clears a msgstr equal to its msgid (Odoo then shows the source):
# such an entry is marked by this translator comment, so that a forgotten one still fails.
SAME_IN_FRENCH = "same in French"


def untranslated(po):
    return [e.msgid for e in po if e.msgid and not e.msgstr and e.tcomment != SAME_IN_FRENCH]


def test_po_files_parse(addon):
    files = sorted((ROOT / addon / "i18n").glob("*.po*"))
    assert files, f"{addon} has no translation files"
    for path in files:
        polib.pofile(str(path))


def test_french_is_complete(addon):
    po = polib.pofile(str(ROOT / addon / "i18n" / "fr.po"))
    missing = untranslated(po)
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not missing, f"{addon}: untranslated: {missing[:10]}"
    assert not fuzzy, f"{addon}: fuzzy: {fuzzy[:10]}"


def test_french_covers_the_template(addon):
    pot = polib.pofile(str(ROOT / addon / "i18n" / f"{addon}.pot"))
    po = polib.pofile(str(ROOT / addon / "i18n" / "fr.po"))
    missing = {e.msgid for e in pot if e.msgid} - {e.msgid for e in po}
    assert not missing, f"{addon}: in the .pot, not translated in fr.po: {sorted(missing)[:10]}"
