"""A cancellation, a give-back and an acceptance at the same moment end in one known state:
each takes the request's row lock before its checks (see ``_coop_lock``)."""

from datetime import date, timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from odoo.addons.coop_member_shifts.tests.concurrency import kinds, run_at_once

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK

# The coordinator's to-do e-mail is queued, not sent after the commit: sending opens the
# registry, whose lock the test's main thread holds.
NO_FORCE_SEND = {"mail_notify_force_send": False}


@tagged("post_install", "-at_install")
class TestFollowAtOnce(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            days = env["coop.weekday"].search([])
            beneficiary = env["res.partner"].create(
                {
                    "name": "At once beneficiary",
                    "partner_latitude": GRAND_PLACE[0],
                    "partner_longitude": GRAND_PLACE[1],
                    "coop_geo_state": "done",
                    "coop_data_consent": True,
                    "coop_is_beneficiary": True,
                }
            )
            volunteers = env["res.partner"].create(
                [
                    {
                        "name": f"At once volunteer {index}",
                        "email": f"at.once.{index}@example.com",
                        "partner_latitude": point[0],
                        "partner_longitude": point[1],
                        "coop_is_volunteer": True,
                        "coop_can_deliver": True,
                        "coop_weekday_ids": [(6, 0, days.ids)],
                    }
                    for index, point in enumerate((IXELLES, SCHAERBEEK))
                ]
            )
            request = env["coop.delivery.request"].create(
                {
                    "beneficiary_id": beneficiary.id,
                    "delivery_date": date.today() + timedelta(days=3),
                    "shopping_list": "Bread",
                    "state": "searching",
                }
            )
            # The first round: the first volunteer holds it.
            first = env["coop.delivery.offer"].create(
                {
                    "request_id": request.id,
                    "volunteer_id": volunteers[0].id,
                    "date_sent": fields.Datetime.now(),
                }
            )
            first._accept()
            self.request_id, self.first_offer_id = request.id, first.id
            self.volunteer_ids = volunteers.ids
            self.partner_ids = (beneficiary | volunteers).ids
        self.addCleanup(self._delete_records)

    def _delete_records(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            request = env["coop.delivery.request"].browse(self.request_id)
            env["mail.mail"].search(
                [("model", "=", request._name), ("res_id", "=", request.id)]
            ).unlink()
            request.unlink()
            env["res.partner"].browse(self.partner_ids).unlink()

    def new_round_offer(self):
        """The request given back to a new round, offered to the second volunteer."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            request = env["coop.delivery.request"].browse(self.request_id)
            request.sudo().write({"state": "searching", "deliverer_id": False})
            request._end_search_round()
            offer = env["coop.delivery.offer"].create(
                {
                    "request_id": request.id,
                    "volunteer_id": self.volunteer_ids[1],
                    "date_sent": fields.Datetime.now(),
                }
            )
            return offer.id

    @mute_logger("odoo.sql_db")
    def test_a_cancellation_and_an_acceptance_of_the_new_round_at_once(self):
        offer_id = self.new_round_offer()

        def work(env, index):
            if index == 0:
                env["coop.delivery.request"].browse(self.request_id)._coop_cancel(by_member=True)
                return "cancelled"
            return env["coop.delivery.offer"].browse(offer_id)._accept()

        outcomes = run_at_once(self.registry, work, count=2, context=NO_FORCE_SEND)
        self.assertEqual(kinds(outcomes), ["ok", "ok"], outcomes)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            request = env["coop.delivery.request"].browse(self.request_id)
            # Whatever came first, the request ends cancelled; the volunteer who got it in
            # between is told, nobody else.
            self.assertEqual(request.state, "cancelled")
            told = env["mail.mail"].search(
                [("model", "=", request._name), ("res_id", "=", request.id)]
            )
            if outcomes[1].value == "accepted":
                self.assertEqual(told.recipient_ids.ids, [self.volunteer_ids[1]])
            else:
                self.assertEqual(outcomes[1].value, "expired")
                self.assertFalse(told)

    @mute_logger("odoo.sql_db")
    def test_a_give_back_five_times_at_once(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            round_before = env["coop.delivery.request"].browse(self.request_id).search_round

        def work(env, index):
            env["coop.delivery.offer"].browse(self.first_offer_id)._give_back("ill")

        outcomes = run_at_once(self.registry, work, count=5, context=NO_FORCE_SEND)
        self.assertEqual(kinds(outcomes), ["ok"] + ["refused"] * 4, outcomes)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            request = env["coop.delivery.request"].browse(self.request_id)
            self.assertEqual(len(request.give_back_ids), 1)
            self.assertEqual(request.search_round, round_before + 1)
            self.assertFalse(request.deliverer_id)

    @mute_logger("odoo.sql_db")
    def test_a_give_back_and_a_cancellation_at_once(self):
        def work(env, index):
            request = env["coop.delivery.request"].browse(self.request_id)
            if index == 0:
                request._coop_cancel(by_member=True)
            else:
                env["coop.delivery.offer"].browse(self.first_offer_id)._give_back("no_car")

        outcomes = run_at_once(self.registry, work, count=2, context=NO_FORCE_SEND)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            request = env["coop.delivery.request"].browse(self.request_id)
            # The cancellation always passes; the give-back passes only when it came first.
            self.assertEqual(outcomes[0].kind, "ok", outcomes)
            self.assertEqual(request.state, "cancelled")
            self.assertEqual(len(request.give_back_ids), int(outcomes[1].kind == "ok"))
            if outcomes[1].kind != "ok":
                self.assertEqual(outcomes[1].kind, "refused", outcomes)
