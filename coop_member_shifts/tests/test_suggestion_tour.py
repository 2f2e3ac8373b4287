from odoo.tests import HttpCase, new_test_user, tagged

from .test_board_common import make_member


@tagged("post_install", "-at_install")
class TestSuggestionTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.paula_user = make_member(cls.env, "coop_sugg_paula", name="Paula Tour", lang="en_US")
        cls.oscar_user = make_member(cls.env, "coop_sugg_oscar", name="Oscar Tour", lang="en_US")
        cls.commission_user = new_test_user(
            cls.env,
            login="coop_sugg_commission",
            password="coop_sugg_commission",
            groups="coop_member_shifts.group_coop_product_commission",
            lang="en_US",
        )
        cls.env["coop.product.suggestion"].create(
            {"name": "Tour buckwheat", "author_id": cls.oscar_user.partner_id.id}
        )

    def test_suggest_support_and_accept_to_a_product(self):
        self.start_tour("/my/suggestions", "coop_suggestion_suggest", login="coop_sugg_paula")
        suggestion = self.env["coop.product.suggestion"].search(
            [("name", "=", "Tour buckwheat flour")]
        )
        self.assertEqual(suggestion.author_id, self.paula_user.partner_id)
        self.assertEqual((suggestion.producer, suggestion.state), ("Tour mill", "posted"))

        self.start_tour("/my/suggestions", "coop_suggestion_support", login="coop_sugg_oscar")
        self.assertEqual(suggestion.support_count, 1)

        self.start_tour(
            "/odoo/action-coop_member_shifts.coop_product_suggestion_action",
            "coop_suggestion_accept",
            login="coop_sugg_commission",
        )
        self.assertEqual(suggestion.state, "accepted")
        self.assertEqual(suggestion.product_tmpl_id.name, "Tour buckwheat flour")
        self.assertTrue(suggestion.product_tmpl_id.coop_suggested_by_members)
        mails = self.env["mail.mail"].search(
            [("model", "=", suggestion._name), ("res_id", "=", suggestion.id)]
        )
        self.assertEqual(
            mails.recipient_ids, self.paula_user.partner_id | self.oscar_user.partner_id
        )
