from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, UCCLE, DeliveryCase


class TestDeliveryRequest(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("coop_solidarity_delivery.wave_size", 2)
        cls.beneficiary = cls.make_beneficiary("Odette", GRAND_PLACE)
        cls.near = cls.make_volunteer("Near", IXELLES)
        cls.middle = cls.make_volunteer("Middle", SCHAERBEEK)
        cls.far = cls.make_volunteer("Far", UCCLE, coop_radius_km=8)

    def test_request_gets_a_reference(self):
        self.assertTrue(self.make_request(self.beneficiary).name.startswith("SOL/"))

    def test_request_for_an_ineligible_member_is_refused_on_the_website(self):
        stranger = self.env["res.partner"].create({"name": "Not eligible"})
        with self.assertRaises(ValidationError):
            self.make_request(stranger, channel="website")

    def test_request_by_phone_for_an_ineligible_member_waits_for_approval(self):
        stranger = self.env["res.partner"].create({"name": "Not eligible"})
        request = self.make_request(stranger)
        with self.assertRaises(UserError):
            request.action_search_volunteers()
        self.assertEqual(request.state, "new")

    def test_request_for_a_past_date_is_refused(self):
        with self.assertRaises(ValidationError):
            self.make_request(
                self.beneficiary, delivery_date=fields.Date.today() - timedelta(days=1)
            )

    def test_first_wave_asks_the_nearest_volunteers_by_email(self):
        request = self.make_request(self.beneficiary)
        request.action_search_volunteers()
        self.assertEqual(request.state, "searching")
        self.assertTrue(request.date_searching)
        self.assertEqual(request.offer_ids.volunteer_id, self.near | self.middle)
        mails = self.env["mail.mail"].search(
            [("email_to", "in", (self.near | self.middle).mapped("email_formatted"))]
        )
        self.assertEqual(len(mails), 2)
        self.assertIn(request.offer_ids[0].sudo().token, mails[0].body_html + mails[1].body_html)

    def test_cron_asks_the_next_wave_after_the_delay(self):
        request = self.make_request(self.beneficiary)
        request.action_search_volunteers()
        request.offer_ids.date_sent = fields.Datetime.now() - timedelta(hours=5)
        self.env["coop.delivery.request"]._cron_notify_next_waves()
        self.assertEqual(request.wave, 2)
        self.assertIn(self.far, request.offer_ids.volunteer_id)
        first_wave = request.offer_ids.filtered(lambda o: o.wave == 1)
        self.assertEqual(set(first_wave.mapped("state")), {"expired"})

    def test_cron_waits_for_the_delay(self):
        request = self.make_request(self.beneficiary)
        request.action_search_volunteers()
        self.env["coop.delivery.request"]._cron_notify_next_waves()
        self.assertEqual(request.wave, 1)

    def test_coordinator_is_told_when_no_volunteer_is_left(self):
        request = self.make_request(self.beneficiary)
        request.action_search_volunteers()
        request._notify_next_wave()  # the far volunteer
        request._notify_next_wave()  # nobody left
        self.assertEqual(len(request.offer_ids), 3)
        self.assertEqual(len(request.activity_ids), 1)

    def test_first_to_accept_wins_the_others_are_told(self):
        request = self.make_request(self.beneficiary)
        request.action_search_volunteers()
        first, second = request.offer_ids
        self.assertEqual(second._accept(), "accepted")
        self.assertEqual(first._accept(), "lost")
        self.assertEqual(request.state, "assigned")
        self.assertEqual(request.deliverer_id, second.volunteer_id)
        self.assertTrue(request.date_assigned)

    def test_accepting_a_cancelled_request_is_expired(self):
        request = self.make_request(self.beneficiary)
        request.action_search_volunteers()
        request.action_cancel()
        self.assertEqual(request.offer_ids[0]._accept(), "expired")
        self.assertFalse(request.deliverer_id)

    def test_volunteer_at_weekly_maximum_is_not_asked(self):
        self.near.coop_weekly_max = 1
        taken = self.make_request(self.beneficiary)
        taken.write({"state": "assigned", "deliverer_id": self.near.id})
        request = self.make_request(self.beneficiary)
        request.action_search_volunteers()
        self.assertNotIn(self.near, request.offer_ids.volunteer_id)

    def test_delivery_steps_are_timestamped(self):
        request = self.make_request(self.beneficiary)
        request.action_search_volunteers()
        request.offer_ids[0]._accept()
        request.action_start_preparing()
        request.action_out_for_delivery()
        request.action_delivered()
        self.assertEqual(request.state, "delivered")
        self.assertTrue(request.date_preparing and request.date_out and request.date_delivered)

    def test_delivered_request_cannot_be_delivered_twice(self):
        request = self.make_request(self.beneficiary, state="delivered")
        with self.assertRaises(UserError):
            request.action_delivered()

    def test_unlocated_beneficiary_cannot_be_matched(self):
        lost = self.make_beneficiary("Lost", (0.0, 0.0), coop_geo_state="failed")
        request = self.make_request(lost)
        action = request.action_search_volunteers()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("could not be located", action["params"]["message"])
        self.assertTrue(request.exists())
        self.assertEqual(request.state, "new")
        self.assertFalse(request.offer_ids)

    def test_delivered_request_credits_both_volunteers_in_the_ledger(self):
        request = self.make_request(self.beneficiary)
        request.action_search_volunteers()
        request.offer_ids[0]._accept()
        request.preparer_id = self.far
        request.action_start_preparing()
        request.action_out_for_delivery()
        request.action_delivered()
        lines = self.env["coop.work.entry"].search(
            [("origin", "=", f"{request._name},{request.id}")]
        )
        self.assertEqual(lines.partner_id, self.near | self.far)
        self.assertEqual(set(lines.mapped("kind")), {"delivery"})
        self.assertEqual(set(lines.mapped("state")), {"validated"})
        self.assertEqual(sorted(lines.mapped("hours")), [1.0, 1.5])

    def test_measured_time_is_credited_when_the_coop_chooses_it(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "coop_solidarity_delivery.hours_mode", "measured"
        )
        request = self.make_request(self.beneficiary, deliverer_id=self.near.id, state="assigned")
        request.action_out_for_delivery()
        request.date_out = request.date_out - timedelta(minutes=45)
        request.action_delivered()
        line = self.env["coop.work.entry"].search([("partner_id", "=", self.near.id)])
        self.assertAlmostEqual(line.hours, 0.75, places=2)
