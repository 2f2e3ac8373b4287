from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.coop_member_shifts.models.res_partner_anonymisation import ResPartner

from .common import GRAND_PLACE, DeliveryCase

RAW_EMAIL = """From: {name} <{email}>
To: livraison@example.com
Subject: Courses
Message-ID: <coop-retention-{tag}@example.com>
Date: Sun, 22 Nov 2026 10:00:00 +0100
Content-Type: text/plain; charset="utf-8"

Du pain, s'il vous plait. {name}
"""
NAME, PHONE, EMAIL, STREET = "Odile Vasseur", "+32 2 555 77 66", "odile@example.com", "Rue Haute 12"


@tagged("post_install", "-at_install")
class TestRetention(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stale = cls.make_beneficiary(NAME, GRAND_PLACE, phone=PHONE, email=EMAIL, street=STREET)
        cls.request = cls.make_request(cls.stale)
        cls.request.message_post(body=f"{NAME} called from {PHONE}, lives {STREET}.")
        cls.stale.message_post(body=f"Eligibility checked for {NAME}.")
        cls.env["ir.attachment"].create(
            {
                "name": f"{NAME} consent.txt",
                "raw": b"signed",
                "res_model": "res.partner",
                "res_id": cls.stale.id,
            }
        )
        cls.order = cls.env["sale.order"].create({"partner_id": cls.stale.id})
        cls.order.message_post(body=f"Order of {NAME}, {EMAIL}")
        cls.env["mail.mail"].create(
            {"email_to": EMAIL, "subject": "Your delivery", "body_html": f"<p>Dear {NAME}</p>"}
        )
        cls.age(cls.request)
        cls.order.date_order = fields.Datetime.now() - timedelta(days=400)

    @classmethod
    def age(cls, requests, days=400):
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE coop_delivery_request SET delivery_date = %s WHERE id IN %s",
            (fields.Date.today() - timedelta(days=days), tuple(requests.ids)),
        )
        requests.invalidate_recordset(["delivery_date"])

    def email_request(self, name, email, tag):
        request_id = self.env["mail.thread"].message_process(
            "coop.delivery.request", RAW_EMAIL.format(name=name, email=email, tag=tag)
        )
        request = self.env["coop.delivery.request"].browse(request_id)
        self.age(request)
        return request

    def run_cron(self):
        self.env["res.partner"]._cron_coop_anonymise_beneficiaries()
        self.env.flush_all()

    def assertNothingHolds(self, *strings):
        for string in strings:
            with self.subTest(string=string):
                self.assertFalse(
                    self.env["mail.message"].search(
                        [
                            "|",
                            "|",
                            ("body", "ilike", string),
                            ("subject", "ilike", string),
                            ("email_from", "ilike", string),
                        ]
                    )
                )
                self.assertFalse(
                    self.env["mail.tracking.value"].search(
                        [
                            "|",
                            "|",
                            "|",
                            ("old_value_char", "ilike", string),
                            ("new_value_char", "ilike", string),
                            ("old_value_text", "ilike", string),
                            ("new_value_text", "ilike", string),
                        ]
                    )
                )
                self.assertFalse(self.env["ir.attachment"].search([("name", "ilike", string)]))
                self.assertFalse(
                    self.env["mail.mail"].search(
                        ["|", ("email_to", "ilike", string), ("body_html", "ilike", string)]
                    )
                )
                self.assertFalse(
                    self.env["res.partner"]
                    .with_context(active_test=False)
                    .search(
                        [
                            "|",
                            "|",
                            "|",
                            ("name", "ilike", string),
                            ("email", "ilike", string),
                            ("phone", "ilike", string),
                            ("street", "ilike", string),
                        ]
                    )
                )

    def test_stale_beneficiary_is_anonymised(self):
        self.run_cron()
        self.assertTrue(self.stale.coop_anonymised)
        self.assertNotIn(NAME, self.stale.name)
        self.assertFalse(self.stale.phone or self.stale.email or self.stale.street)
        self.assertFalse(self.stale.coop_is_beneficiary or self.stale.coop_beneficiary_reason)

    def test_nothing_holds_the_old_name_phone_email_or_street(self):
        self.run_cron()
        self.assertNothingHolds(NAME, PHONE, EMAIL, STREET)

    def test_requests_lose_their_personal_fields_and_messages(self):
        self.run_cron()
        self.assertTrue(self.request.exists(), "the request stays for the statistics")
        self.assertFalse(self.request.access_notes or self.request.shopping_list)
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", self.request._name), ("res_id", "=", self.request.id)]
            )
        )

    def test_orders_are_kept_and_point_to_the_anonymised_contact(self):
        self.run_cron()
        self.assertTrue(self.order.exists())
        self.assertEqual(self.order.partner_id, self.stale)

    def test_the_anonymisation_writes_no_tracking(self):
        self.env.cr.precommit.run()
        count = self.env["mail.tracking.value"].search_count([])
        self.run_cron()
        self.env.cr.precommit.run()
        self.assertEqual(self.env["mail.tracking.value"].search_count([]), count)

    def test_tracked_name_of_the_contact_is_scrubbed(self):
        other = self.make_beneficiary("Someone Else", GRAND_PLACE)
        request = self.make_request(other)
        self.env.cr.precommit.run()
        request.beneficiary_id = self.stale
        self.env.cr.precommit.run()
        self.assertTrue(self.env["mail.tracking.value"].search([("new_value_char", "ilike", NAME)]))
        self.age(request)
        self.run_cron()
        self.assertNothingHolds(NAME)

    def test_recent_beneficiary_is_kept(self):
        self.make_request(self.stale)
        self.run_cron()
        self.assertFalse(self.stale.coop_anonymised)
        self.assertEqual(self.stale.phone, PHONE)

    def test_member_who_still_orders_is_kept(self):
        order = self.env["sale.order"].create({"partner_id": self.stale.id})
        order.state = "sale"
        self.run_cron()
        self.assertFalse(self.stale.coop_anonymised)

    def test_member_who_still_volunteers_is_kept(self):
        self.env["coop.work.entry"]._credit(self.stale, 2.0, "delivery", "Delivery")
        self.run_cron()
        self.assertFalse(self.stale.coop_anonymised)

    def test_running_member_is_kept(self):
        self.stale.free_member = True
        self.run_cron()
        self.assertFalse(self.stale.coop_anonymised)

    def test_supplier_who_emailed_the_alias_is_kept(self):
        supplier = self.env["res.partner"].create(
            {"name": "Moulin Dupré", "email": "moulin.dupre@example.org", "supplier_rank": 1}
        )
        self.email_request("Moulin Dupré", "moulin.dupre@example.org", "supplier")
        self.run_cron()
        self.assertFalse(supplier.coop_anonymised)
        self.assertEqual(supplier.email, "moulin.dupre@example.org")

    def test_sender_whose_request_was_never_accepted_is_kept(self):
        request = self.email_request("Paul Passant", "paul.passant@example.org", "alias")
        sender = request.beneficiary_id
        self.run_cron()
        self.assertFalse(sender.coop_anonymised)
        self.assertEqual(sender.name, "Paul Passant")
        self.assertTrue(request.message_ids)

    def test_company_is_kept(self):
        company = self.make_beneficiary("Résidence Les Tilleuls", GRAND_PLACE, is_company=True)
        self.age(self.make_request(company))
        self.run_cron()
        self.assertFalse(company.coop_anonymised)

    def test_namesake_is_not_touched(self):
        namesake = self.env["res.partner"].create({"name": NAME, "phone": "+32 470 00 00 00"})
        namesake.message_post(body=f"Hello {NAME}")
        self.run_cron()
        self.assertTrue(self.stale.coop_anonymised)
        self.assertEqual(namesake.name, NAME)
        self.assertIn(NAME, str(namesake.message_ids[:1].body))

    @mute_logger("odoo.addons.coop_member_shifts.models.coop_cron_step")
    def test_a_failing_beneficiary_does_not_stop_the_others(self):
        bad = self.make_beneficiary("Broken Record", GRAND_PLACE)
        self.age(self.make_request(bad))
        anonymise = ResPartner._coop_anonymise

        def fail_for_bad(partners):
            if bad in partners:
                raise ValueError("broken")
            return anonymise(partners)

        with patch.object(ResPartner, "_coop_anonymise", fail_for_bad):
            self.run_cron()
        self.assertTrue(self.stale.coop_anonymised)
        self.assertFalse(bad.coop_anonymised)
        self.assertEqual(bad.name, "Broken Record")
        self.assertTrue(bad.activity_ids)

    def test_anonymising_a_member_with_a_login_archives_the_login(self):
        user = new_test_user(self.env, login="odile.portal", groups="base.group_portal")
        user.partner_id.write({"name": "Odile Portal", "email": "odile.portal@example.org"})
        user.partner_id._coop_anonymise()
        self.assertFalse(user.active)
        self.assertNotIn("odile", user.login)
        self.assertNothingHolds("Odile Portal", "odile.portal@example.org")

    def test_a_company_is_never_anonymised(self):
        company = self.env["res.partner"].create({"name": "Moulin SA", "is_company": True})
        with self.assertRaises(UserError):
            company._coop_anonymise()
        self.assertEqual(company.name, "Moulin SA")
