"""A volunteer gives a delivery back: a new round for the others, the address hidden at once,
no hours; past the cut-off, the coordinator first."""

import json
from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..models.coop_delivery_request_give_back import GIVE_BACK_CUTOFF_PARAM
from .test_delivery_follow import FollowCase
from .test_mail_languages import LanguagesMixin
from .test_volunteer_portal import portal_volunteer

CUTOFF_PARAM = "coop_solidarity_delivery.give_back_cutoff_hours"
NEAR = (50.8420, 4.3600)  # about 0.7 km from the Grand-Place


class GiveBackCase(FollowCase):
    def in_coordinator_lang(self, text):
        return self.env["res.partner"].with_context(lang=self.coordinator.lang).env._(text)

    def todos(self, request):
        summaries = {
            self.in_coordinator_lang("Delivery given back: soon"),
            self.in_coordinator_lang("Urgent: delivery given back at the last minute"),
        }
        return request.activity_ids.filtered(
            lambda a: a.user_id == self.coordinator and a.summary in summaries
        )

    def held_offer(self, request, volunteer=None):
        volunteer = volunteer or self.volunteer
        return request.offer_ids.filtered(
            lambda o: o.volunteer_id == volunteer and o.state == "accepted"
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The coordinator who gets the to-dos.
        cls.coordinator = cls.env["res.partner"]._coop_delivery_coordinator_user()
        cls.env["ir.config_parameter"].sudo().set_param(CUTOFF_PARAM, 24)


@tagged("post_install", "-at_install")
class TestGiveBack(GiveBackCase):
    def test_giving_back_starts_a_new_round_without_the_volunteer(self):
        request = self.assigned_request(delivery_date=fields.Date.today() + timedelta(days=5))
        round_before = request.search_round
        offer = self.held_offer(request)
        offer._give_back("ill")
        self.assertEqual(request.state, "searching")
        self.assertFalse(request.deliverer_id)
        self.assertEqual(request.search_round, round_before + 1)
        self.assertEqual(offer.state, "returned")
        self.assertEqual(offer._page_status(), "returned")
        self.assertEqual(offer._accept(), "expired")
        new_offers = request._current_offers()
        self.assertEqual(new_offers.volunteer_id, self.second)
        note = request.message_ids.filtered(lambda m: m.message_type == "comment")[0]
        self.assertIn("gave the delivery back", note.body)
        self.assertNotIn("Ill", note.body)
        self.assertEqual(note.author_id, request.company_id.partner_id)

    def test_the_old_links_of_the_round_are_dead(self):
        request = self.assigned_request(delivery_date=fields.Date.today() + timedelta(days=5))
        lost = request.offer_ids.filtered(lambda o: o.volunteer_id == self.second)
        self.held_offer(request)._give_back("no_car")
        self.assertEqual(lost._page_status(), "closed")
        self.assertEqual(lost._accept(), "expired")
        self.assertFalse(request.deliverer_id)

    def test_the_volunteer_loses_the_address_at_once(self):
        request = self.assigned_request()
        offer = self.held_offer(request)
        self.assertTrue(offer._may_see_address())
        offer._give_back("ill")
        self.assertFalse(offer._may_see_address())

    def test_hours_are_counted_for_who_delivers_not_for_who_gave_back(self):
        request = self.assigned_request(delivery_date=fields.Date.today() + timedelta(days=5))
        request.preparer_id = self.volunteer
        self.held_offer(request)._give_back("ill")
        self.assertFalse(request.preparer_id)
        self.assertEqual(request._current_offers()._accept(), "accepted")
        request.with_user(self.coordinator_user).action_delivered()
        entries = self.env["coop.work.entry"].search(
            [("origin", "=", f"{request._name},{request.id}")]
        )
        self.assertEqual(entries.partner_id, self.second)
        self.assertFalse(
            self.env["coop.work.entry"].search([("partner_id", "=", self.volunteer.id)])
        )

    def test_a_close_date_gives_the_coordinator_a_todo(self):
        # A cut-off of one hour: in the last hour of a UTC day, the wished day two days ahead
        # starts (where the member lives) less than 24 hours later.
        self.env["ir.config_parameter"].set_param(GIVE_BACK_CUTOFF_PARAM, "1")
        request = self.assigned_request(delivery_date=fields.Date.today() + timedelta(days=2))
        self.held_offer(request)._give_back("ill")
        self.assertEqual(request.state, "searching")
        self.assertEqual(len(self.todos(request)), 1)

    def test_a_far_date_gives_no_todo(self):
        request = self.assigned_request(delivery_date=fields.Date.today() + timedelta(days=10))
        self.held_offer(request)._give_back("ill")
        self.assertFalse(self.todos(request))

    def test_past_the_cut_off_the_request_goes_to_the_coordinator_first(self):
        self.env["ir.config_parameter"].sudo().set_param(CUTOFF_PARAM, 24 * 5)
        request = self.assigned_request(delivery_date=fields.Date.today() + timedelta(days=2))
        offer = self.held_offer(request)
        offer._give_back("other", "My car broke down")
        self.assertEqual(request.state, "new")
        self.assertFalse(request.deliverer_id)
        self.assertFalse(offer._may_see_address())
        self.assertFalse(request._current_offers(), "nobody is e-mailed before the coordinator")
        todo = self.todos(request)
        self.assertEqual(len(todo), 1)
        self.assertEqual(
            todo.summary,
            self.in_coordinator_lang("Urgent: delivery given back at the last minute"),
        )
        history = request.with_user(self.coordinator_user).give_back_ids
        self.assertEqual(
            (history.reason, history.note, history.late), ("other", "My car broke down", True)
        )

    def test_other_needs_a_few_words_and_an_unknown_reason_is_refused(self):
        request = self.assigned_request()
        offer = self.held_offer(request)
        for reason, note in (("other", "  "), ("sick", ""), (None, ""), ("ill", "x" * 1001)):
            with self.subTest(reason=reason), self.assertRaises(UserError):
                offer._give_back(reason, note)
        self.assertEqual(request.state, "assigned")

    def test_only_the_volunteer_who_holds_it_gives_it_back(self):
        request = self.assigned_request()
        with self.assertRaises(UserError):
            request._coop_give_back(self.second, "ill")
        self.held_offer(request)._give_back("ill")
        with self.assertRaises(UserError):
            request._coop_give_back(self.volunteer, "ill")
        self.assertEqual(len(request.give_back_ids), 1)

    def test_no_give_back_once_on_its_way(self):
        request = self.assigned_request()
        request.action_out_for_delivery()
        with self.assertRaises(UserError):
            self.held_offer(request)._give_back("ill")

    def test_the_reason_is_read_by_coordinators_only_and_written_by_nobody(self):
        request = self.assigned_request()
        self.held_offer(request)._give_back("ill")
        history = request.give_back_ids
        self.assertEqual(history.with_user(self.coordinator_user).reason, "ill")
        for user in (self.call_centre_user, self.shop_staff_user, self.member_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                history.with_user(user).read(["reason"])
        with self.assertRaises(AccessError):
            request.with_user(self.call_centre_user).read(["give_back_ids"])
        with self.assertRaises(AccessError):
            self.env["coop.delivery.give.back"].with_user(self.coordinator_user).create(
                {"request_id": request.id, "volunteer_id": self.second.id, "reason": "ill"}
            )
        with self.assertRaises(AccessError):
            history.with_user(self.coordinator_user).write({"reason": "other"})

    def test_the_volunteer_s_note_goes_with_their_data(self):
        request = self.assigned_request()
        self.held_offer(request)._give_back("other", "Back pain")
        erasure = self.env["coop.erasure.request"].create({"partner_id": self.volunteer.id})
        erasure.action_carry_out()
        self.assertFalse(request.give_back_ids.note)


@tagged("post_install", "-at_install")
class TestGiveBackLanguages(GiveBackCase, LanguagesMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_languages()

    def test_the_to_do_reads_in_the_coordinator_s_language(self):
        self.coordinator.lang = "fr_FR"
        request = self.assigned_request(delivery_date=fields.Date.today() + timedelta(days=2))
        self.held_offer(request).with_context(lang="nl_BE")._give_back("ill")
        todo = request.activity_ids.filtered(lambda a: a.user_id == self.coordinator)
        self.assertEqual(len(todo), 1)
        self.assertIn("rendue", todo.summary)


@tagged("post_install", "-at_install")
class TestGiveBackPages(HttpCase, GiveBackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = portal_volunteer(cls.env, "coop_give_back_vol", NEAR)
        cls.env["ir.config_parameter"].sudo().set_param(CUTOFF_PARAM, 24)

    def csrf(self):
        if not getattr(self, "session", None):
            self.authenticate(None, None)
        return http.Request.csrf_token(self)

    def test_the_offer_page_gives_back_and_hides_the_address(self):
        request = self.assigned_request(delivery_date=fields.Date.today() + timedelta(days=5))
        token = self.held_offer(request).sudo().token
        url = f"/coop/delivery/offer/{token}"
        self.assertIn("Rue du Midi 1", self.url_open(url).text)
        response = self.url_open(
            f"{url}/give-back", data={"csrf_token": self.csrf(), "reason": "ill"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_offer_returned", response.text)
        self.assertNotIn("Rue du Midi 1", response.text)
        self.assertEqual(request.state, "searching")

    def test_a_refused_give_back_keeps_the_page_and_what_was_typed(self):
        request = self.assigned_request()
        url = f"/coop/delivery/offer/{self.held_offer(request).sudo().token}"
        response = self.url_open(
            f"{url}/give-back",
            data={"csrf_token": self.csrf(), "reason": "other", "note": ""},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_offer_error", response.text)
        self.assertEqual(request.deliverer_id, self.volunteer)

    def test_my_volunteer_lists_what_i_hold_and_gives_it_back(self):
        me = self.portal_user.partner_id
        request = self.make_request(
            self.member, delivery_date=fields.Date.today() + timedelta(days=5)
        )
        request.action_search_volunteers()
        offer = request.offer_ids.filtered(lambda o: o.volunteer_id == me)
        self.assertEqual(offer._accept(), "accepted")
        self.authenticate("coop_give_back_vol", "coop_give_back_vol")
        html = self.url_open("/my/volunteer").text
        self.assertIn("o_coop_volunteer_held_delivery", html)
        self.assertIn(f"/my/volunteer/deliveries/{request.id}/give-back", html)
        response = self.url_open(
            f"/my/volunteer/deliveries/{request.id}/give-back",
            data={"csrf_token": self.csrf(), "reason": "no_car"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_volunteer_message", response.text)
        self.assertNotIn("o_coop_volunteer_held_delivery", response.text)
        self.assertEqual(request.state, "searching")
        self.assertEqual(request.give_back_ids.volunteer_id, me)

    def test_someone_else_s_delivery_is_not_found(self):
        request = self.assigned_request()
        self.authenticate("coop_give_back_vol", "coop_give_back_vol")
        for request_id in (request.id, 0, 2**31, 10**30):
            with self.subTest(request_id=request_id):
                response = self.url_open(
                    f"/my/volunteer/deliveries/{request_id}/give-back",
                    data={"csrf_token": self.csrf(), "reason": "ill"},
                )
                self.assertEqual(response.status_code, 404)
        self.assertEqual(request.deliverer_id, self.volunteer)

    def test_volunteer_gives_back_and_another_accepts_the_new_round(self):
        request = self.assigned_request(delivery_date=fields.Date.today() + timedelta(days=5))
        token = self.held_offer(request).sudo().token
        self.start_tour(f"/coop/delivery/offer/{token}", "coop_delivery_give_back")
        self.assertEqual(request.state, "searching")
        new_offers = request._current_offers()
        self.assertNotIn(self.volunteer, new_offers.volunteer_id)
        new_offer = new_offers.filtered(lambda o: o.volunteer_id == self.second)
        self.start_tour(
            f"/coop/delivery/offer/{new_offer.sudo().token}",
            "coop_solidarity_delivery_volunteer_accepts",
        )
        self.assertEqual(request.state, "assigned")
        self.assertEqual(request.deliverer_id, self.second)


@tagged("post_install", "-at_install")
class TestFollowJsonRpc(HttpCase, GiveBackCase):
    """What the web client's JSON-RPC gets: the same refusals as the ORM."""

    def call_kw(self, model, method, args, kwargs=None):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def assertRefused(self, answer):
        self.assertNotIn("result", answer)
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")

    @mute_logger("odoo.http", "odoo.models")
    def test_a_member_cannot_cancel_nor_give_back_over_json_rpc(self):
        request = self.assigned_request()
        self.authenticate("coop_follow_member", "coop_follow_member")
        model = "coop.delivery.request"
        self.assertRefused(self.call_kw(model, "action_cancel", [[request.id]]))
        self.assertRefused(self.call_kw(model, "write", [[request.id], {"state": "cancelled"}]))
        self.assertRefused(self.call_kw(model, "_coop_cancel", [[request.id]], {"by_member": True}))
        self.assertEqual(request.state, "assigned")

    @mute_logger("odoo.http", "odoo.models")
    def test_the_call_centre_cannot_move_an_assigned_day_nor_read_why_it_was_given_back(self):
        request = self.assigned_request()
        self.held_offer(request)._give_back("ill")
        request._current_offers()[:1]._accept()
        self.authenticate("coop_follow_call", "coop_follow_call")
        model = "coop.delivery.request"
        day = str(request.delivery_date + timedelta(days=1))
        self.assertRefused(self.call_kw(model, "write", [[request.id], {"delivery_date": day}]))
        self.assertRefused(self.call_kw(model, "read", [[request.id], ["give_back_ids"]]))
        self.assertRefused(
            self.call_kw("coop.delivery.give.back", "search_read", [[]], {"fields": ["reason"]})
        )
        self.assertRefused(
            self.call_kw(model, "_coop_give_back", [[request.id], request.deliverer_id.id, "ill"])
        )
        self.assertEqual(len(request.give_back_ids), 1)
