"""Call-backs asked at the same moment (five sessions): the daily cap and the one call per
number hold, with clear answers and nothing half-made."""

from odoo import fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

from odoo.addons.coop_member_shifts.tests.concurrency import committed_env, kinds, run_at_once

from ..models.coop_callback_request import DAILY_CAP_PARAM
from .test_callback import callback_values

NAME = "Race Call-back"


@tagged("post_install", "-at_install")
class TestCallbackAtOnce(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with committed_env(self.registry) as env:
            self.public_uid = env.ref("base.public_user").id
            params = env["ir.config_parameter"]
            self.old_cap = params.get_param(DAILY_CAP_PARAM)
            # The cap counts the day's requests of the website: those already made count too.
            Callback = env["coop.callback.request"]
            today = fields.Date.context_today(Callback)
            done = Callback.search_count([("request_date", "=", today), ("day_rank", "!=", False)])
            params.set_param(DAILY_CAP_PARAM, str(done + 3))
        self.addCleanup(self._clean)

    def _clean(self):
        with committed_env(self.registry) as env:
            env["coop.callback.request"].search([("name", "=", NAME)]).unlink()
            env["ir.config_parameter"].set_param(DAILY_CAP_PARAM, self.old_cap or False)

    def _submit_at_once(self, phones):
        def work(env, index):
            values = callback_values(name=NAME, phone=phones[index])
            return env["coop.callback.request"].sudo()._coop_submit(values).ids

        return run_at_once(self.registry, work, uid=self.public_uid, context={"lang": "en_US"})

    def _stored(self):
        with committed_env(self.registry) as env:
            calls = env["coop.callback.request"].search([("name", "=", NAME)])
            return len(calls), sorted(calls.mapped("day_rank"))

    def test_five_numbers_at_once_with_three_left_under_the_cap(self):
        outcomes = self._submit_at_once([f"0470 55 66 7{index}" for index in range(5)])
        self.assertEqual(kinds(outcomes), ["ok"] * 3 + ["refused"] * 2, outcomes)
        refused = [outcome for outcome in outcomes if outcome.kind == "refused"]
        self.assertTrue(all("call-back requests today" in o.message for o in refused), refused)
        count, ranks = self._stored()
        self.assertEqual(count, 3)
        self.assertEqual(len(set(ranks)), 3)

    def test_five_requests_of_one_number_at_once_make_one_call(self):
        outcomes = self._submit_at_once(["0470 55 66 99"] * 5)
        # Every visitor gets the thank-you page; one call is on the list.
        self.assertEqual(kinds(outcomes), ["ok"] * 5, outcomes)
        self.assertEqual(self._stored()[0], 1)
