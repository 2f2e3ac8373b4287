from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.sms.tests.common import SMSCase

from .common import CoopCase

MOBILE = "+32 470 12 34 56"
MOBILE_E164 = "+32470123456"


@tagged("post_install", "-at_install")
class TestContactChannel(SMSCase, CoopCase):
    """How the coop reaches a contact: their choice (e-mail, SMS, a phone call), checked by
    phone_validation on every path, and the dispatch helper ``_coop_reach``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.be")
        cls.task = cls.env["coop.task.type"].create({"name": "Reception"})
        cls.member_user = new_test_user(
            cls.env,
            login="coop_channel_member",
            password="coop_channel_member",
            groups="base.group_portal",
        )
        cls.member = cls.member_user.partner_id

    def partner(self, **values):
        return self.env["res.partner"].create({"name": "Camille", **values})

    def register_tomorrow(self, partner):
        start = fields.Datetime.now() + timedelta(hours=20)
        shift = self.env["coop.shift"].create(
            {"task_type_id": self.task.id, "start": start, "end": start + timedelta(hours=3)}
        )
        return self.env["coop.shift.registration"].create(
            {"shift_id": shift.id, "partner_id": partner.id}
        )

    # === The default and the rules ===#

    def test_the_default_is_email_then_sms_then_a_call(self):
        self.assertEqual(self.partner(email="c@example.com").coop_reach_channel, "email")
        self.assertEqual(self.partner(mobile=MOBILE).coop_reach_channel, "sms")
        self.assertEqual(self.partner(mobile="12").coop_reach_channel, "call")
        self.assertEqual(self.partner().coop_reach_channel, "call")
        chosen = self.partner(email="c@example.com", mobile=MOBILE, coop_contact_channel="sms")
        self.assertEqual(chosen.coop_reach_channel, "sms")
        self.assertEqual(chosen._coop_sms_number(), MOBILE_E164)

    def test_the_coops_country_formats_a_national_number(self):
        self.assertEqual(self.partner(mobile="0470 12 34 56")._coop_sms_number(), MOBILE_E164)

    def test_an_invalid_mobile_is_refused_for_sms_through_the_orm(self):
        for mobile in (False, "12", "+33 1", "not a number"):
            with self.subTest(mobile=mobile), self.assertRaises(ValidationError):
                self.partner(mobile=mobile, coop_contact_channel="sms")
        partner = self.partner(mobile=MOBILE, coop_contact_channel="sms")
        with self.assertRaisesRegex(ValidationError, "not a valid mobile number"):
            partner.mobile = "12"
        with self.assertRaises(ValidationError):
            self.partner(coop_contact_channel="email")

    # === The dispatch ===#

    def test_an_sms_member_gets_the_shift_reminder_by_sms_not_email(self):
        member = self.partner(mobile=MOBILE, coop_contact_channel="sms", email="c@example.com")
        registration = self.register_tomorrow(member)
        with self.mockSMSGateway():
            self.env["coop.shift.registration"]._cron_send_reminders()
        self.assertSMSOutgoing(member, MOBILE_E164)
        sms = self._new_sms.filtered(lambda sms: sms.partner_id == member)
        self.assertIn("/my/shifts", sms.body)
        self.assertLessEqual(len(sms.body), 160)
        self.assertFalse(self.env["mail.mail"].search([("recipient_ids", "in", member.ids)]))
        self.assertTrue(registration.reminder_sent)
        # Odoo's SMS queue sends it after the transaction.
        with self.mockSMSGateway():
            sms.send()
        self.assertSMSIapSent([MOBILE_E164])

    def test_an_sms_that_fails_stays_in_the_queue_to_send_again(self):
        member = self.partner(mobile=MOBILE, coop_contact_channel="sms")
        registration = self.register_tomorrow(member)
        with self.mockSMSGateway(sim_error="server_error"):
            self.env["coop.shift.registration"]._cron_send_reminders()
            sms = self._new_sms.filtered(lambda sms: sms.partner_id == member)
            sms.send()
            self.assertSMSFailed(member, MOBILE_E164, "sms_server")
        self.assertTrue(registration.exists())
        # The hourly job puts it back in Odoo's queue, which sends it.
        self.assertIn(sms, self.env["sms.sms"]._cron_coop_requeue_failed())
        self.assertEqual(sms.state, "outgoing")
        with self.mockSMSGateway():
            self.env["sms.sms"]._process_queue()
        self.assertSMSIapSent([MOBILE_E164])

    def test_a_member_with_neither_channel_lands_on_the_call_list(self):
        member = self.partner(phone="+32 2 555 01 01", coop_contact_channel="call")
        self.register_tomorrow(member)
        with self.mockSMSGateway():
            self.env["coop.shift.registration"]._cron_send_reminders()
        self.assertFalse(self._new_sms.filtered(lambda sms: sms.partner_id == member))
        call = member.activity_ids
        self.assertEqual(call.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertIn("Camille", call.summary)
        self.assertEqual(call.user_id, member._coop_call_list_user())

    def test_an_email_member_still_gets_the_email_in_the_coops_name(self):
        member = self.partner(email="c@example.com")
        self.register_tomorrow(member)
        with self.mockSMSGateway():
            self.env["coop.shift.registration"]._cron_send_reminders()
        self.assertFalse(self._new_sms.filtered(lambda sms: sms.partner_id == member))
        mail = self.env["mail.mail"].search([("recipient_ids", "in", member.ids)])
        self.assertEqual(mail.author_id, self.env.company.partner_id)

    # === /my/account ===#

    def account_post(self, **values):
        self.authenticate("coop_channel_member", "coop_channel_member")
        page = self.url_open("/my/account")
        csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        data = {
            "csrf_token": csrf,
            "name": "Member",
            "email": "member@example.com",
            "phone": "+32 2 555 01 01",
            "street": "Rue du Midi 1",
            "city": "Bruxelles",
            "zipcode": "1000",
            "country_id": str(self.env.ref("base.be").id),
            **values,
        }
        return self.url_open("/my/account", data=data)

    def test_the_member_chooses_sms_on_my_account(self):
        response = self.account_post(mobile=MOBILE, coop_contact_channel="sms")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.member.coop_contact_channel, "sms")
        self.assertEqual(self.member.mobile, MOBILE)

    def test_my_account_refuses_sms_without_a_valid_mobile(self):
        response = self.account_post(mobile="12", coop_contact_channel="sms")
        self.assertEqual(response.status_code, 200)
        self.assertIn("not a valid mobile number", response.text)
        self.assertFalse(self.member.coop_contact_channel)
        response = self.account_post(coop_contact_channel="pigeon")
        self.assertIn("Choose how the coop reaches you", response.text)
        self.assertFalse(self.member.coop_contact_channel)
