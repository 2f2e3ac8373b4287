"""Volunteer sign-up from the website: nothing usable before the e-mail is confirmed, an
existing member recognised, spam kept out, and the approval before the first offer."""

from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import GRAND_PLACE, IXELLES, DeliveryCase

CRON_STEP_LOGGER = "odoo.addons.coop_member_shifts.models.coop_cron_step"
APPROVAL_PARAM = "coop_solidarity_delivery.volunteer_approval"
WELCOME_USER_PARAM = "coop_solidarity_delivery.volunteer_welcome_user_id"
MAX_RADIUS_PARAM = "coop_solidarity_delivery.max_radius_km"


class SignupCase(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Signup = cls.env["coop.volunteer.signup"].with_context(lang="en_US")
        cls.env["ir.config_parameter"].sudo().set_param(WELCOME_USER_PARAM, "")
        cls.env["ir.config_parameter"].sudo().set_param(APPROVAL_PARAM, "")
        cls.env["ir.config_parameter"].sudo().set_param(MAX_RADIUS_PARAM, 15)

    @classmethod
    def form_values(cls, **values):
        return {
            "name": "Zoé Martin",
            "email": "zoe.martin@example.com",
            "phone": "+32 470 12 34 56",
            "street": "Rue Haute 10",
            "zip": "1000",
            "city": "Bruxelles",
            "can_deliver": True,
            "transport": "bike",
            "radius_km": 4.0,
            "weekday_ids": [(6, 0, cls.every_day[:3].ids)],
            "weekly_max": 2,
            "contact_consent": True,
            "address_consent": True,
            **values,
        }

    def submit(self, **values):
        return self.Signup._coop_submit(self.form_values(**values))

    def sent_mails(self, signup):
        return self.env["mail.mail"].search(
            [("model", "=", signup._name), ("res_id", "=", signup.id)]
        )

    def partners_of(self, email):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("email_normalized", "=", email)])
        )


@tagged("post_install", "-at_install")
class TestVolunteerSignup(SignupCase):
    def test_a_submission_is_pending_and_creates_no_contact(self):
        signup = self.submit()
        self.assertEqual(signup.state, "to_confirm")
        self.assertFalse(signup.partner_id)
        self.assertFalse(self.partners_of("zoe.martin@example.com"))

    def test_what_a_visitor_causes_is_logged_by_the_coop_not_by_public_user(self):
        public = self.env.ref("base.public_user")
        signup = self.Signup.with_user(public).sudo()._coop_submit(self.form_values())
        messages = signup.message_ids
        self.assertTrue(messages)
        self.assertEqual(messages.author_id, self.env.company.partner_id)
        self.assertNotIn(public.partner_id, messages.author_id)

    def test_a_submission_sends_the_confirmation_link_in_the_visitors_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        signup = self.Signup.with_context(lang="fr_FR")._coop_submit(self.form_values())
        mail = self.sent_mails(signup)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "zoe.martin@example.com")
        self.assertIn(f"/volunteer/confirm/{signup.sudo().token}", mail.body_html)
        self.assertEqual(signup.lang, "fr_FR")

    def test_the_consent_text_shown_is_stored_with_its_date(self):
        signup = self.submit()
        self.assertEqual(signup.consent_text, self.Signup._coop_consent_text())
        self.assertIn("uses my address", signup.consent_text)
        self.assertTrue(signup.consent_date)

    def test_the_same_email_twice_while_pending_creates_no_second_signup(self):
        first = self.submit()
        second = self.submit(email="  Zoe.Martin@EXAMPLE.com ", name="Someone Else")
        self.assertEqual(second, first)
        self.assertEqual(first.name, "Zoé Martin")
        self.assertEqual(
            self.Signup.search_count([("email_normalized", "=", first.email_normalized)]), 1
        )

    def test_the_confirmation_email_is_sent_again_once_at_most(self):
        signup = self.submit()
        for _attempt in range(4):
            self.submit()
        self.assertEqual(signup.mail_count, 2)
        self.assertEqual(len(self.sent_mails(signup)), 2)

    def test_confirming_creates_a_volunteer_contact(self):
        partner = self.submit()._coop_confirm()
        self.assertEqual(partner, self.partners_of("zoe.martin@example.com"))
        self.assertTrue(partner.coop_is_volunteer)
        self.assertTrue(partner.coop_can_deliver)
        self.assertFalse(partner.coop_can_prepare)
        self.assertEqual(partner.coop_transport, "bike")
        self.assertEqual(partner.coop_radius_km, 4.0)
        self.assertEqual(partner.coop_weekday_ids, self.every_day[:3])
        self.assertTrue(partner.coop_notify_consent)
        self.assertTrue(partner.coop_volunteer_to_welcome)
        self.assertEqual(partner.street, "Rue Haute 10")

    def test_confirming_marks_the_signup_confirmed_with_its_contact(self):
        signup = self.submit()
        partner = signup._coop_confirm()
        self.assertEqual(signup.state, "confirmed")
        self.assertEqual(signup.partner_id, partner)
        self.assertTrue(signup.confirmed_date)

    def test_an_existing_member_is_recognised_and_keeps_name_and_address(self):
        member = self.env["res.partner"].create(
            {
                "name": "Zoé Martin-Leroy",
                "email": "zoe.martin@example.com",
                "street": "Avenue Louise 5",
                "zip": "1050",
                "city": "Ixelles",
            }
        )
        signup = self.submit(email="ZOE.Martin@example.com", name="Hacker", street="Rue X 1")
        self.assertFalse(member.coop_is_volunteer, "nothing changes before the confirmation")
        self.assertEqual(signup._coop_confirm(), member)
        self.assertEqual(self.partners_of("zoe.martin@example.com"), member)
        self.assertEqual((member.name, member.street), ("Zoé Martin-Leroy", "Avenue Louise 5"))
        self.assertTrue(member.coop_is_volunteer)

    def test_a_users_contact_is_preferred_among_contacts_of_the_same_email(self):
        self.env["res.partner"].create({"name": "Old Card", "email": "zoe.martin@example.com"})
        user = new_test_user(self.env, login="zoe", email="zoe.martin@example.com")
        self.assertEqual(self.submit()._coop_confirm(), user.partner_id)

    def test_an_expired_signup_cannot_be_confirmed(self):
        signup = self.submit()
        with freeze_time(fields.Datetime.now() + timedelta(days=4)):
            self.assertFalse(signup._coop_is_live())
            signup._coop_expire()
        with self.assertRaises(UserError):
            signup._coop_confirm()
        self.assertFalse(self.partners_of("zoe.martin@example.com"))

    def test_a_new_submission_after_expiry_is_a_new_signup(self):
        signup = self.submit()
        with freeze_time(fields.Datetime.now() + timedelta(days=4)):
            self.assertNotEqual(self.submit(), signup)

    def test_a_welcome_activity_goes_to_the_responsible_of_the_settings(self):
        welcomer = new_test_user(self.env, login="coop_welcomer", groups="base.group_user")
        self.env["ir.config_parameter"].sudo().set_param(WELCOME_USER_PARAM, str(welcomer.id))
        partner = self.submit()._coop_confirm()
        self.assertEqual(partner.activity_ids.user_id, welcomer)

    def test_without_a_responsible_a_delivery_coordinator_welcomes(self):
        partner = self.submit()._coop_confirm()
        self.assertTrue(
            partner.activity_ids.user_id.has_group(
                "coop_solidarity_delivery.group_coop_delivery_coordinator"
            )
        )

    def test_the_to_welcome_filter_finds_the_new_volunteer(self):
        partner = self.submit()._coop_confirm()
        found = self.env["res.partner"].search([("coop_volunteer_to_welcome", "=", True)])
        self.assertIn(partner, found)
        partner.with_user(self.coordinator_user).action_coop_volunteer_welcomed()
        self.assertFalse(partner.coop_volunteer_to_welcome)


@tagged("post_install", "-at_install")
class TestVolunteerSignupRules(SignupCase):
    def test_every_field_rejects_nonsense_on_the_server(self):
        bad = {
            "bad e-mail": {"email": "not an e-mail"},
            "two e-mails": {"email": "a@example.com, b@example.com"},
            "html": {"name": "<b>Zoé</b>"},
            "100k characters": {"city": "x" * 100_000},
            "negative radius": {"radius_km": -3.0},
            "radius above the settings": {"radius_km": 500.0},
            "negative weekly maximum": {"weekly_max": -1},
            "huge weekly maximum": {"weekly_max": 10**6},
            "no role": {"can_deliver": False},
            "no consent to be contacted": {"contact_consent": False},
            "no consent for the address": {"address_consent": False},
        }
        for case, values in bad.items():
            with (
                self.subTest(case=case),
                self.assertRaises(ValidationError),
                self.env.cr.savepoint(),
            ):
                self.submit(**values)
        self.assertFalse(self.Signup.search([("email_normalized", "=", "zoe.martin@example.com")]))

    def test_only_delivery_coordinators_read_signups(self):
        signup = self.submit()
        call_centre = new_test_user(
            self.env,
            login="coop_signup_cc",
            groups="coop_solidarity_delivery.group_coop_call_centre",
        )
        portal = new_test_user(self.env, login="coop_signup_portal", groups="base.group_portal")
        for user in (self.staff_user, call_centre, portal, self.env.ref("base.public_user")):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                signup.with_user(user).read(["name"])
        self.assertEqual(
            signup.with_user(self.coordinator_user).read(["name"])[0]["name"], "Zoé Martin"
        )

    def test_a_coordinator_cannot_read_the_link_key(self):
        signup = self.submit()
        with self.assertRaises(AccessError):
            signup.with_user(self.coordinator_user).read(["token"])

    def test_a_coordinator_may_confirm_by_hand(self):
        signup = self.submit()
        signup.with_user(self.coordinator_user).action_confirm()
        self.assertTrue(signup.partner_id.coop_is_volunteer)

    @mute_logger(CRON_STEP_LOGGER)
    def test_the_cron_expires_a_broken_signup_alone_and_the_others(self):
        good = self.submit()
        bad = self.submit(email="bad@example.com")
        expire = type(bad)._coop_expire

        def expire_or_fail(signup):
            if signup == bad:
                raise UserError(self.env._("The sign-up cannot be expired."))
            return expire(signup)

        with (
            freeze_time(fields.Datetime.now() + timedelta(days=4)),
            patch.object(type(bad), "_coop_expire", expire_or_fail),
        ):
            self.Signup._cron_expire_signups()
        self.assertEqual(good.state, "expired")
        self.assertEqual(bad.state, "to_confirm")
        self.assertEqual(len(bad.activity_ids), 1)

    def test_the_cron_deletes_signups_expired_long_ago(self):
        signup = self.submit()
        with freeze_time(fields.Datetime.now() + timedelta(days=4)):
            self.Signup._cron_expire_signups()
        with freeze_time(fields.Datetime.now() + timedelta(days=40)):
            self.Signup._cron_expire_signups()
        self.assertFalse(signup.exists())


@tagged("post_install", "-at_install")
class TestVolunteerApproval(SignupCase):
    def rank(self):
        ranked = self.env["res.partner"]._coop_rank_volunteers(*GRAND_PLACE, 0)
        return [partner for partner, _km in ranked]

    def signed_up_volunteer(self):
        partner = self.submit()._coop_confirm()
        partner.write(
            {
                "partner_latitude": IXELLES[0],
                "partner_longitude": IXELLES[1],
                "coop_weekday_ids": [(6, 0, self.every_day.ids)],
            }
        )
        return partner

    def test_without_the_setting_a_confirmed_volunteer_is_offered_deliveries(self):
        partner = self.signed_up_volunteer()
        self.assertIn(partner, self.rank())

    def test_with_the_setting_a_new_volunteer_waits_for_approval(self):
        self.env["ir.config_parameter"].sudo().set_param(APPROVAL_PARAM, "True")
        partner = self.signed_up_volunteer()
        self.assertTrue(partner.coop_volunteer_pending_approval)
        self.assertNotIn(partner, self.rank())

    def test_once_approved_the_volunteer_is_offered_deliveries(self):
        self.env["ir.config_parameter"].sudo().set_param(APPROVAL_PARAM, "True")
        partner = self.signed_up_volunteer()
        partner.with_user(self.coordinator_user).action_coop_approve_volunteer()
        self.assertIn(partner, self.rank())
        self.assertEqual(partner.coop_volunteer_approved_by_id, self.coordinator_user)
        self.assertTrue(partner.coop_volunteer_approved_date)
        self.assertFalse(partner.coop_volunteer_to_welcome)

    def test_only_a_delivery_coordinator_approves(self):
        self.env["ir.config_parameter"].sudo().set_param(APPROVAL_PARAM, "True")
        partner = self.signed_up_volunteer()
        with self.assertRaises(AccessError):
            partner.with_user(self.staff_user).action_coop_approve_volunteer()
        self.assertTrue(partner.coop_volunteer_pending_approval)

    def test_nobody_writes_the_approval_by_hand(self):
        self.env["ir.config_parameter"].sudo().set_param(APPROVAL_PARAM, "True")
        partner = self.signed_up_volunteer()
        for vals in (
            {"coop_volunteer_pending_approval": False},
            {"coop_volunteer_approved_by_id": self.coordinator_user.id},
            {"coop_volunteer_approved_date": fields.Datetime.now()},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                partner.with_user(self.coordinator_user).write(vals)
        self.assertTrue(partner.coop_volunteer_pending_approval)

    def test_an_approved_volunteer_signing_up_again_needs_no_new_approval(self):
        self.env["ir.config_parameter"].sudo().set_param(APPROVAL_PARAM, "True")
        partner = self.signed_up_volunteer()
        partner.with_user(self.coordinator_user).action_coop_approve_volunteer()
        self.submit(can_prepare=True)._coop_confirm()
        self.assertFalse(partner.coop_volunteer_pending_approval)
        self.assertTrue(partner.coop_can_prepare)
