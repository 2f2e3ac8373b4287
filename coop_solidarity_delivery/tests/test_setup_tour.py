import logging
import time

from odoo.tests import HttpCase, tagged

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install", "-standard", "coop_nodemo")
class TestSetupAssistantTour(HttpCase):
    """Run by tests/run_tests.py on the database installed without demo data, where a new
    coop starts from nothing."""

    def test_a_new_coop_sets_itself_up_with_the_assistant(self):
        wizard = self.env["coop.setup.wizard"]
        self.assertFalse(wizard._coop_setup_complete(), "a new database is not set up")
        started = time.monotonic()
        self.start_tour("/odoo", "coop_solidarity_delivery_setup_assistant", login="admin")
        self.env.invalidate_all()
        self.assertTrue(wizard._coop_setup_complete())
        company = self.env.company
        self.assertEqual(company.city, "Orléans")
        self.assertEqual(company.currency_id, self.env.ref("base.EUR"))
        self.assertTrue(self.env["coop.slot"].search_count([]), "drive slots are open")
        _logger.info("The setup assistant tour took %.0f s", time.monotonic() - started)
