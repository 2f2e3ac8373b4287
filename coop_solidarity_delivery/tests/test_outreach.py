from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from .common import GRAND_PLACE, DeliveryCase


class TestOutreach(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vulnerable = cls.make_beneficiary(
            "Vulnerable Member", GRAND_PLACE, coop_beneficiary_reason="vulnerable"
        )
        cls.isolated = cls.make_beneficiary(
            "Isolated Member", GRAND_PLACE, coop_beneficiary_reason="isolated"
        )
        cls.callers = new_test_user(
            cls.env, login="coop_caller_1", groups="coop_solidarity_delivery.group_coop_call_centre"
        ) | new_test_user(
            cls.env, login="coop_caller_2", groups="coop_solidarity_delivery.group_coop_call_centre"
        )

    def call_list(self):
        return self.env["res.partner"].browse(self.env["res.partner"]._coop_call_list_ids())

    def test_vulnerable_members_are_on_the_call_list(self):
        call_list = self.call_list()
        self.assertIn(self.vulnerable, call_list)
        self.assertNotIn(self.isolated, call_list)

    def test_members_not_seen_for_weeks_are_on_the_call_list(self):
        member = self.env["res.partner"].create({"name": "Quiet Member", "free_member": True})
        self.assertIn(member, self.call_list())
        order = self.env["sale.order"].create({"partner_id": member.id})
        order.state = "sale"
        self.assertNotIn(member, self.call_list())

    def test_member_companies_are_not_on_the_call_list(self):
        company = self.env["res.partner"].create(
            {"name": "Member Company", "is_company": True, "free_member": True}
        )
        self.assertNotIn(company, self.call_list())

    def test_call_campaign_shares_phone_calls_among_callers(self):
        campaign = (
            self.env["coop.call.campaign"]
            .with_context(
                active_model="res.partner", active_ids=(self.vulnerable | self.isolated).ids
            )
            .create({"user_ids": [(6, 0, self.callers.ids)]})
        )
        campaign.action_create_activities()
        activities = (self.vulnerable | self.isolated).activity_ids
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.callers)
        self.assertEqual(activities.activity_type_id, self.env.ref("mail.mail_activity_data_call"))

    def test_former_beneficiaries_are_anonymised_after_the_retention_period(self):
        request = self.make_request(self.isolated)
        long_ago = fields.Date.today() - timedelta(days=400)  # past dates are refused: use SQL
        self.env.cr.execute(
            "UPDATE coop_delivery_request SET delivery_date = %s WHERE id = %s",
            (long_ago, request.id),
        )
        request.invalidate_recordset(["delivery_date"])
        self.env["res.partner"]._cron_coop_anonymise_beneficiaries()
        self.assertTrue(self.isolated.coop_anonymised)
        self.assertFalse(self.isolated.phone or self.isolated.street or self.isolated.email)
        self.assertNotIn("Isolated", self.isolated.name)
        self.assertFalse(request.sudo().access_notes or request.shopping_list)
        self.assertTrue(request.exists(), "the request stays for the statistics")

    def test_recent_beneficiaries_are_kept(self):
        self.make_request(self.isolated)
        self.env["res.partner"]._cron_coop_anonymise_beneficiaries()
        self.assertFalse(self.isolated.coop_anonymised)
        self.assertEqual(self.isolated.phone, "+32 2 555 01 01")
