from odoo.exceptions import UserError
from odoo.tests import new_test_user

from .common import GRAND_PLACE, DeliveryCase

RAW_EMAIL = """Return-Path: <odette@example.com>
From: Odette Perrin <odette@example.com>
To: livraison@example.com
Subject: Courses pour jeudi
Message-ID: <coop-intake-{tag}@example.com>
Date: Sun, 22 Nov 2026 10:00:00 +0100
Content-Type: text/plain; charset="utf-8"

Du pain, du lait et des pommes, s'il vous plait.
"""


class TestIntake(DeliveryCase):
    def intake(self, **values):
        return self.env["coop.delivery.intake"].with_user(self.call_centre_user).create(values)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call_centre_user = new_test_user(
            cls.env,
            login="coop_intake_call",
            groups="coop_solidarity_delivery.group_coop_call_centre",
        )
        cls.known = cls.make_beneficiary("Ginette Lefèvre", GRAND_PLACE, phone="+32 470 12 34 56")

    def test_member_found_by_phone(self):
        intake = self.intake(lookup="470 12 34")
        self.assertEqual(intake.match_ids, self.known)

    def test_call_for_a_known_member_creates_a_request(self):
        action = self.intake(partner_id=self.known.id, shopping_list="Soup").action_create_request()
        request = self.env["coop.delivery.request"].browse(action["res_id"])
        self.assertEqual(request.beneficiary_id, self.known)
        self.assertEqual(request.channel, "call_centre")
        self.assertEqual(request.shopping_list, "Soup")

    def test_new_caller_is_recorded_with_consent(self):
        action = self.intake(
            new_name="Lucien Marchal",
            new_phone="+32 2 555 99 99",
            consent=True,
            reason="isolated",
            shopping_list="Bread",
        ).action_create_request()
        request = self.env["coop.delivery.request"].browse(action["res_id"])
        self.assertEqual(request.beneficiary_id.name, "Lucien Marchal")
        self.assertTrue(request.beneficiary_id.coop_data_consent)
        self.assertEqual(request.beneficiary_id.coop_beneficiary_reason, "isolated")

    def test_new_caller_waits_for_a_coordinator_to_approve_eligibility(self):
        action = self.intake(
            new_name="Lucien Marchal",
            consent=True,
            reason="isolated",
            access_notes="Code 77",
            shopping_list="Milk",
        ).action_create_request()
        request = self.env["coop.delivery.request"].browse(action["res_id"])
        self.assertFalse(request.beneficiary_id.coop_is_beneficiary)
        self.assertFalse(request.beneficiary_id.coop_eligibility_approved_by_id)
        self.assertEqual(request.access_notes, "Code 77")
        self.assertTrue(
            request.activity_ids.user_id.has_group(
                "coop_solidarity_delivery.group_coop_delivery_coordinator"
            )
        )
        with self.assertRaises(UserError):
            request.action_search_volunteers()

    def test_new_caller_without_consent_is_refused_and_nothing_is_created(self):
        count = self.env["coop.delivery.request"].search_count([])
        with self.assertRaises(UserError):
            self.intake(new_name="No Consent").action_create_request()
        self.assertEqual(self.env["coop.delivery.request"].search_count([]), count)

    def test_email_to_the_alias_becomes_a_request(self):
        self.known.email = "odette@example.com"
        request_id = self.env["mail.thread"].message_process(
            "coop.delivery.request", RAW_EMAIL.format(tag="known")
        )
        request = self.env["coop.delivery.request"].browse(request_id)
        self.assertEqual(request.beneficiary_id, self.known)
        self.assertEqual(request.channel, "email")
        self.assertTrue(request.name.startswith("SOL/"))
        self.assertIn("pommes", request.shopping_list)

    def test_email_from_a_stranger_is_kept_for_the_coordinator(self):
        request_id = self.env["mail.thread"].message_process(
            "coop.delivery.request", RAW_EMAIL.format(tag="stranger")
        )
        request = self.env["coop.delivery.request"].browse(request_id)
        self.assertTrue(request.exists(), "a request by e-mail is never lost")
        self.assertFalse(request.beneficiary_id.coop_is_beneficiary)
        self.assertEqual(len(request.activity_ids), 1)
        with self.assertRaises(UserError):
            request.action_search_volunteers()
