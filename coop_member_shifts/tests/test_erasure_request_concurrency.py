from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

from .concurrency import committed_env, kinds, run_at_once


@tagged("post_install", "-at_install")
class TestErasureRequestConcurrency(BaseCase):
    """A member sends five erasure requests at the same moment (five sessions, as by
    JSON-RPC): one is recorded, the others are told that one is already open."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with committed_env(self.registry) as env:
            user = new_test_user(env, login="coop_erasure_race", groups="base.group_portal")
            self.user_id, self.partner_id = user.id, user.partner_id.id
        self.addCleanup(self._delete_records)

    def _delete_records(self):
        with committed_env(self.registry) as env:
            env["coop.erasure.request"].search([("partner_id", "=", self.partner_id)]).unlink()
            env["res.users"].browse(self.user_id).unlink()
            env["res.partner"].browse(self.partner_id).unlink()

    def ask(self, env, _index):
        return env["coop.erasure.request"].create({"partner_id": self.partner_id}).id

    @mute_logger("odoo.sql_db")
    def test_five_requests_at_once_record_one(self):
        outcomes = run_at_once(self.registry, self.ask, count=5, uid=self.user_id)
        self.assertEqual(kinds(outcomes), ["ok"] + ["refused"] * 4, outcomes)
        for outcome in outcomes:
            if outcome.kind == "refused":
                self.assertIn("already open", outcome.message)
        with committed_env(self.registry) as env:
            found = env["coop.erasure.request"].search([("partner_id", "=", self.partner_id)])
            self.assertEqual(len(found), 1)
            self.assertEqual(found.state, "requested")
            self.assertEqual(found.create_uid.id, self.user_id)
