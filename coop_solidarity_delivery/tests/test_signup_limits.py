"""Volunteer sign-up under pressure: one pending sign-up per e-mail and one re-send, however
many requests arrive at the same moment; the confirmation e-mail is the coop's, not the
visitor's."""

from datetime import timedelta

from odoo import SUPERUSER_ID, fields
from odoo.exceptions import AccessError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged

from odoo.addons.coop_member_shifts.tests.concurrency import committed_env, kinds, run_at_once

from .test_volunteer_signup import SignupCase

EMAIL = "race.signup@example.com"


def signup_values(env, **values):
    return {
        "name": "Race Sign-up",
        "email": EMAIL,
        "street": "Rue Haute 10",
        "zip": "1000",
        "city": "Bruxelles",
        "can_deliver": True,
        "transport": "bike",
        "radius_km": 2.0,
        "weekday_ids": [(6, 0, env["coop.weekday"].search([], limit=2).ids)],
        "weekly_max": 2,
        "contact_consent": True,
        "address_consent": True,
        **values,
    }


@tagged("post_install", "-at_install")
class TestSignupAtOnce(BaseCase):
    """Five visitors send the form with one e-mail at the same moment (five sessions)."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with committed_env(self.registry) as env:
            self.public_uid = env.ref("base.public_user").id
            self.values = signup_values(env)
        self.addCleanup(self._delete_signups)

    def _delete_signups(self):
        with committed_env(self.registry) as env:
            signups = env["coop.volunteer.signup"].search([("email_normalized", "=", EMAIL)])
            env["mail.mail"].search(
                [("model", "=", signups._name), ("res_id", "in", signups.ids)]
            ).unlink()
            signups.unlink()

    def _submit_at_once(self):
        def work(env, _index):
            return env["coop.volunteer.signup"].sudo()._coop_submit(dict(self.values)).ids

        return run_at_once(self.registry, work, uid=self.public_uid, context={"lang": "en_US"})

    def _state(self):
        """(pending sign-ups of the e-mail, their e-mails counted, their mails queued)."""
        with committed_env(self.registry) as env:
            signups = env["coop.volunteer.signup"].search(
                [("email_normalized", "=", EMAIL), ("state", "=", "to_confirm")]
            )
            mails = env["mail.mail"].search_count(
                [("model", "=", signups._name), ("res_id", "in", signups.ids)]
            )
            return len(signups), sum(signups.mapped("mail_count")), mails

    def test_five_sign_ups_at_once_make_one_pending_sign_up_and_one_mail(self):
        outcomes = self._submit_at_once()
        # Every visitor gets the same page; only one sign-up and one e-mail exist.
        self.assertEqual(kinds(outcomes), ["ok"] * 5, outcomes)
        self.assertEqual(self._state(), (1, 1, 1))

    def test_five_sign_ups_at_once_on_a_pending_one_resend_it_once(self):
        with committed_env(self.registry, uid=self.public_uid) as env:
            env["coop.volunteer.signup"].sudo()._coop_submit(dict(self.values))
        outcomes = self._submit_at_once()
        self.assertEqual(kinds(outcomes), ["ok"] * 5, outcomes)
        self.assertEqual(self._state(), (1, 2, 2))
        # And no more e-mail after the re-send, however many come again.
        self.assertEqual(kinds(self._submit_at_once()), ["ok"] * 5)
        self.assertEqual(self._state(), (1, 2, 2))

    def test_five_sign_ups_at_once_after_the_link_expired_make_one_new_sign_up(self):
        with committed_env(self.registry, uid=self.public_uid) as env:
            stale = env["coop.volunteer.signup"].sudo()._coop_submit(dict(self.values))
            stale.expiry = fields.Datetime.now() - timedelta(minutes=1)
            stale_id = stale.id
        outcomes = self._submit_at_once()
        self.assertEqual(kinds(outcomes), ["ok"] * 5, outcomes)
        # One new sign-up; those retried after it was made count as its one re-send.
        pending, counted, mails = self._state()
        self.assertEqual(pending, 1)
        self.assertEqual(counted, mails)
        self.assertIn(mails, (1, 2))
        with committed_env(self.registry) as env:
            self.assertEqual(env["coop.volunteer.signup"].browse(stale_id).state, "expired")


@tagged("post_install", "-at_install")
class TestSignupMailAuthor(SignupCase):
    """The confirmation e-mail is the coop's: neither the visitor who sent the form nor the
    person whose address it is finds or reads it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.public_user = cls.env.ref("base.public_user")
        cls.person = new_test_user(
            cls.env, login="coop_signup_person", groups="base.group_portal", email=EMAIL
        )

    def _submitted_by(self, user):
        signup = (
            self.env["coop.volunteer.signup"]
            .with_user(user)
            .sudo()
            ._coop_submit(signup_values(self.env, email=user.email or EMAIL))
        )
        mail = self.sent_mails(signup.sudo())
        self.assertEqual(len(mail), 1)
        return mail

    def assert_unreadable(self, mail, user):
        message = mail.mail_message_id
        self.assertEqual(message.author_id, self.env.company.partner_id)
        self.assertEqual(message.create_uid.id, SUPERUSER_ID)
        Message = self.env["mail.message"].with_user(user)
        self.assertFalse(Message.search([("id", "=", message.id)]))
        self.assertFalse(message.with_user(user).has_access("read"))
        with self.assertRaises(AccessError):
            message.with_user(user).read(["body"])
        with self.assertRaises(AccessError):
            self.env["mail.mail"].with_user(user).search([("id", "=", mail.id)])
        with self.assertRaises(AccessError):
            mail.with_user(user).read(["body_html"])

    def test_the_visitor_cannot_read_the_confirmation_mail(self):
        mail = self._submitted_by(self.public_user)
        self.assert_unreadable(mail, self.public_user)
        self.assert_unreadable(mail, self.person)

    def test_the_signing_up_member_cannot_read_the_confirmation_mail(self):
        mail = self._submitted_by(self.person)
        self.assert_unreadable(mail, self.person)
        self.assert_unreadable(mail, self.public_user)
