"""A call-back asked from the website: what is kept, the phone check, one call per number, the
daily cap, the coop's name on the chatter, and who reads the calls (through the ORM, as a user
of each group)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..models.coop_callback_request import DAILY_CAP_PARAM
from .common import DeliveryCase


def callback_values(**values):
    return {
        "name": "Jeanne Rappel",
        "phone": "+32 470 12 34 56",
        "call_time": "morning",
        "topic": "delivery",
        **values,
    }


@tagged("post_install", "-at_install")
class CallbackCase(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Callback = cls.env["coop.callback.request"]
        cls.public = cls.env.ref("base.public_user")
        cls.env["res.lang"]._activate_lang("fr_FR")

    def submit(self, lang="fr_FR", **values):
        """As the website's form does: the public user, ``sudo`` for this model alone."""
        Callback = self.Callback.with_user(self.public).with_context(lang=lang).sudo()
        return Callback._coop_submit(callback_values(**values))


@tagged("post_install", "-at_install")
class TestCallbackRequest(CallbackCase):
    def test_what_the_caller_typed_their_language_and_consent_only(self):
        callback = self.submit()
        self.assertRecordValues(
            callback,
            [
                {
                    "name": "Jeanne Rappel",
                    "phone": "+32470123456",
                    "call_time": "morning",
                    "topic": "delivery",
                    "lang": "fr_FR",
                    "consent": True,
                    "state": "to_call",
                    "user_id": False,
                }
            ],
        )
        self.assertTrue(callback.consent_text)
        # Nothing else about the caller: no contact is made, no visitor is linked.
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Jeanne Rappel")]))
        self.assertNotIn("partner_id", self.Callback._fields)

    def test_the_creation_is_logged_in_the_coop_name(self):
        callback = self.submit()
        message = callback.message_ids[-1:]
        self.assertEqual(message.author_id, self.env.company.partner_id)
        self.assertNotEqual(message.author_id, self.public.partner_id)

    def test_a_bad_phone_is_refused(self):
        for phone in ("", "12ab", "123", "+", "1" * 16, "<b>0470123456</b>", "0470\x00123456"):
            with self.subTest(phone=phone), self.assertRaises(ValidationError):
                self.submit(phone=phone)
        self.assertFalse(self.Callback.search([("name", "=", "Jeanne Rappel")]))

    def test_the_usual_ways_of_writing_a_number_pass(self):
        for index, phone in enumerate(("0470 12 34 5%s", "0470/12.34.5%s", "0032 470 12 34 5%s")):
            with self.subTest(phone=phone):
                self.assertTrue(self.submit(phone=phone % index))

    def test_one_call_to_make_per_number(self):
        first = self.submit()
        self.assertEqual(self.submit(name="Jeanne again", phone="+32 470 12 34 56"), first)
        self.assertEqual(self.Callback.search_count([("phone", "=", first.phone)]), 1)
        with self.assertRaises(ValidationError):
            self.Callback.create(callback_values())
        # Once called, the number may ask again.
        first.action_called()
        self.assertNotEqual(self.submit(), first)

    def test_the_daily_cap_refuses_with_nothing_stored(self):
        self.env["ir.config_parameter"].set_param(DAILY_CAP_PARAM, "2")
        self.submit(phone="0470 00 00 01")
        self.submit(phone="0470 00 00 02")
        with self.assertRaises(UserError):
            self.submit(phone="0470 00 00 03")
        self.assertEqual(self.Callback.search_count([("name", "=", "Jeanne Rappel")]), 2)
        # The call centre still adds the calls it takes by phone.
        self.assertTrue(self.Callback.create(callback_values(phone="0470 00 00 04")))

    def test_the_consent_and_the_counting_are_the_server_s(self):
        user = new_test_user(
            self.env,
            login="coop_cb_server_fields",
            groups="coop_solidarity_delivery.group_coop_delivery_coordinator",
        )
        callback = self.submit().with_user(user)
        for field, value in (
            ("consent", False),
            ("consent_text", "Nothing"),
            ("request_date", "2020-01-01"),
            ("day_rank", 99),
            ("date_closed", "2020-01-01 00:00:00"),
        ):
            with self.subTest(field=field), self.assertRaises(AccessError):
                callback.write({field: value})
        self.assertTrue(callback.consent)

    def test_the_call_centre_takes_and_closes_a_call(self):
        user = new_test_user(
            self.env,
            login="coop_cb_caller",
            groups="coop_solidarity_delivery.group_coop_call_centre",
        )
        callback = self.submit().with_user(user)
        callback.action_take()
        callback.action_unreachable()
        self.assertEqual((callback.user_id, callback.state), (user, "unreachable"))

    def test_closed_calls_are_forgotten_after_a_month(self):
        old, recent, waiting = (self.submit(phone=f"0470 00 00 1{index}") for index in range(3))
        (old | recent).action_called()
        old.date_closed = fields.Datetime.now() - timedelta(days=31)
        self.assertEqual(waiting.state, "to_call")
        self.Callback._cron_forget_old_callbacks()
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists() and waiting.exists())
        # Called back again, a call is kept again.
        recent.action_to_call()
        self.assertFalse(recent.date_closed)


@tagged("post_install", "-at_install")
class TestCallbackAccess(CallbackCase):
    """Visitors and members never read a call; the call centre reads and changes them; only
    coordinators delete them."""

    GROUPS = {
        "coop_member_shifts.group_coop_shop_staff": "",
        "base.group_portal": "",
        "base.group_public": "",
        "coop_solidarity_delivery.group_coop_call_centre": "rwc",
        "coop_solidarity_delivery.group_coop_delivery_coordinator": "rwcu",
        "coop_member_shifts.group_coop_manager": "rwcu",
    }

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_model")
    def test_each_group_through_the_orm(self):
        callback = self.submit()
        for index, (group, rights) in enumerate(self.GROUPS.items()):
            user = new_test_user(self.env, login=f"coop_cb_access_{index}", groups=group)
            calls = {
                "r": lambda user=user: callback.with_user(user).read(["name", "phone"]),
                "w": lambda user=user: callback.with_user(user).write({"state": "called"}),
                "c": lambda user=user, i=index: self.Callback.with_user(user).create(
                    callback_values(phone=f"0470 11 22 3{i}")
                ),
                "u": lambda user=user, i=index: (
                    self.Callback.create(callback_values(phone=f"0470 99 88 7{i}"))
                    .with_user(user)
                    .unlink()
                ),
            }
            for letter, call in calls.items():
                with self.subTest(group=group, operation=letter):
                    try:
                        with self.env.cr.savepoint():
                            call()
                        allowed = True
                    except AccessError:
                        allowed = False
                    self.assertEqual(allowed, letter in rights)
