"""A member's call-back requests, found by their phone numbers: exported with their data,
deleted when they are erased; nobody else's."""

import json

from odoo.tests import tagged

from .test_callback import CallbackCase


@tagged("post_install", "-at_install")
class TestCallbackData(CallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls.env["res.partner"].create(
            {"name": "Callback Data", "mobile": "+32 470 44 55 66"}
        )

    def test_the_export_holds_the_calls_asked_with_the_members_number(self):
        self.submit(phone="0032 470 44 55 66", topic="joining")
        self.submit(phone="0470 77 88 99")
        rows = json.loads(self.member._coop_data_export_json())["callback_requests"]
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["topic"], "joining")
        self.assertTrue(rows[0]["consent_text"])

    def test_an_erased_member_takes_their_calls_along(self):
        mine = self.submit(phone="+32470445566")
        other = self.submit(phone="0470 77 88 99")
        self.member._coop_anonymise()
        self.assertFalse(mine.exists())
        self.assertTrue(other.exists())
