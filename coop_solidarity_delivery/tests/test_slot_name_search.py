from odoo.tests import tagged

from .common import DriveCommon


@tagged("post_install", "-at_install")
class TestSlotNameSearch(DriveCommon):
    """A slot picker (the call centre's *Take a call*, a filter) finds slots by what their
    name shows, in the reader's language, accents and case aside."""

    def test_a_slot_is_found_by_a_word_of_its_name(self):
        slot = self._create_slot(hours_ahead=24 * 5)
        later = self._create_slot(hours_ahead=24 * 9)
        slots = self.env["coop.slot"].with_context(lang="fr_FR")
        name = slots.browse(slot.id).display_name
        later_name = slots.browse(later.id).display_name
        word = next(w for w in name.split() if w not in later_name and len(w) > 2)
        found = slots.name_search(word.upper(), limit=None)
        self.assertIn(slot.id, [row[0] for row in found])
        self.assertNotIn(later.id, [row[0] for row in found])

    def test_an_empty_search_lists_the_slots(self):
        slot = self._create_slot()
        found = self.env["coop.slot"].name_search("", limit=None)
        self.assertIn(slot.id, [row[0] for row in found])

    def test_the_store_name_finds_its_slots(self):
        slot = self._create_slot()
        found = self.env["coop.slot"].search([("display_name", "ilike", self.warehouse.name)])
        self.assertIn(slot, found)
        excluded = self.env["coop.slot"].search(
            [("display_name", "not ilike", self.warehouse.name), ("id", "=", slot.id)]
        )
        self.assertFalse(excluded)
