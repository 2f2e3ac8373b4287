from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import Form
from odoo.tools import mute_logger

from .fee_common import FeeCase


class TestFeeRenewal(FeeCase):
    def invoice_membership(self, partner, ends_in_days):
        self.membership.membership_date_to = fields.Date.today() + timedelta(days=ends_in_days)
        self.membership.membership_date_from = fields.Date.today() - timedelta(days=300)
        context = {"active_ids": partner.ids, "active_model": "res.partner"}
        form = Form(self.env["membership.invoice"].with_context(**context))
        form.product_id = self.product
        action = form.save().membership_invoice()
        invoice = self.env["account.move"].search(action["domain"])
        invoice.action_post()
        return partner.member_lines

    def mails_to(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])

    def test_member_is_emailed_their_renewal_fee_once(self):
        self.declare(self.paula, 1000)
        line = self.invoice_membership(self.paula, ends_in_days=10)
        Partner = self.env["res.partner"]
        Partner._cron_coop_fee_renewal_notices()
        Partner._cron_coop_fee_renewal_notices()
        mails = self.mails_to(self.paula)
        self.assertEqual(len(mails), 1)
        self.assertIn("/my/income", mails.body_html)
        self.assertIn("30.00", mails.body_html)
        self.assertTrue(line.coop_renewal_notified)

    @mute_logger("odoo.addons.coop_member_shifts.models.coop_cron_step")
    def test_a_notice_that_fails_stops_no_other_notice(self):
        self.declare(self.paula, 1000)
        self.declare(self.oscar, 1000)
        self.invoice_membership(self.paula, ends_in_days=10)
        self.invoice_membership(self.oscar, ends_in_days=10)
        Partner = type(self.env["res.partner"])
        send = Partner._coop_send_fee_renewal_notice

        def fail_for_paula(partner, line):
            if partner == self.paula:
                raise ValueError("mail server down")
            return send(partner, line)

        with patch.object(Partner, "_coop_send_fee_renewal_notice", fail_for_paula):
            notified = self.env["res.partner"]._cron_coop_fee_renewal_notices()
        self.assertEqual(notified.partner, self.oscar)
        self.assertEqual(len(self.mails_to(self.oscar)), 1)
        self.assertFalse(self.paula.member_lines.coop_renewal_notified, "tried again next run")
        self.assertIn("mail server down", self.paula.activity_ids.note)

    def test_membership_ending_later_waits(self):
        line = self.invoice_membership(self.paula, ends_in_days=60)
        self.env["res.partner"]._cron_coop_fee_renewal_notices()
        self.assertFalse(self.mails_to(self.paula))
        self.assertFalse(line.coop_renewal_notified)

    def test_notice_period_is_a_setting(self):
        self.env.company.coop_fee_renewal_days = 90
        self.invoice_membership(self.paula, ends_in_days=60)
        self.env["res.partner"]._cron_coop_fee_renewal_notices()
        self.assertEqual(len(self.mails_to(self.paula)), 1)

    def test_member_without_declaration_is_told_how_to_declare(self):
        self.invoice_membership(self.oscar, ends_in_days=5)
        self.env["res.partner"]._cron_coop_fee_renewal_notices()
        self.assertIn("no valid income declaration", self.mails_to(self.oscar).body_html)
