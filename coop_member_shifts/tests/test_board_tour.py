from odoo.tests import HttpCase, tagged

from .test_board_common import make_member


@tagged("post_install", "-at_install")
class TestBoardTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.paula_user = make_member(cls.env, "coop_board_paula", name="Paula Board", lang="en_US")
        cls.oscar_user = make_member(cls.env, "coop_board_oscar", name="Oscar Board", lang="en_US")
        cls.env["coop.board.category"].create({"name": "Tour tools"})
        cls.env.company.email = "contact@coop.example.com"

    def test_a_member_posts_another_answers_and_the_author_closes(self):
        self.start_tour("/my/board", "coop_board_post_a_need", login="coop_board_paula")
        post = self.env["coop.board.post"].search([("name", "=", "A ladder for the weekend")])
        self.assertEqual(post.partner_id, self.paula_user.partner_id)
        self.assertEqual((post.kind, post.neighbourhood), ("need", "La Source"))

        self.start_tour("/my/board", "coop_board_answer_a_need", login="coop_board_oscar")
        # The answer is the coop's (authored by its partner, created by the superuser), to Paula.
        answer = self.env["mail.message"].search(
            [("model", "=", post._name), ("res_id", "=", post.id), ("body", "ilike", "bring it")]
        )
        self.assertEqual(answer.author_id, self.env.company.partner_id)
        self.assertEqual(answer.partner_ids, self.paula_user.partner_id)
        self.assertNotIn(self.oscar_user.partner_id.email, answer.email_from)
        self.assertFalse(answer.with_user(self.oscar_user).has_access("read"))

        self.start_tour("/my/board", "coop_board_close_a_need", login="coop_board_paula")
        self.assertEqual(post.state, "closed")
