from odoo import models

POST_EXPORT_FIELDS = ["create_date", "kind", "category_id", "name", "description"]
POST_EXPORT_FIELDS += ["neighbourhood", "date_end", "state"]


class ResPartner(models.Model):
    """The board of needs and offers in a member's data: exported with it, erased with it."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_data_export(self):
        """Adds the member's posts, archived and hidden ones included, and the posts they
        answered (the answer's text went to the post's author)."""
        data = super()._coop_data_export()
        posts = (
            self.env["coop.board.post"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", self.commercial_partner_id.id)])
        )
        data["board_posts"] = self._coop_export_rows(posts, POST_EXPORT_FIELDS)
        answers = (
            self.env["coop.board.answer"]
            .sudo()
            .search([("sender_id", "=", self.commercial_partner_id.id)])
        )
        data["board_answers_sent"] = self._coop_export_rows(answers, ["create_date", "post_id"])
        return data

    def _coop_anonymise_one(self):
        """The member's posts go with them (their answers, messages they wrote, are scrubbed
        with the member's other messages)."""
        self.env["coop.board.post"].sudo().with_context(active_test=False).search(
            [("partner_id", "=", self.id)]
        ).unlink()
        self.env["coop.board.answer"].sudo().search([("sender_id", "=", self.id)]).unlink()
        return super()._coop_anonymise_one()
