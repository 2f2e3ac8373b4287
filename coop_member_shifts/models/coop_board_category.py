from odoo import fields, models


class CoopBoardCategory(models.Model):
    """What a board post is about (tools to lend, rides, skills...): a short list that the
    coordinators keep, so that members find posts and coordinators count them."""

    _name = "coop.board.category"
    _description = "Board Category"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    post_ids = fields.One2many("coop.board.post", "category_id", string="Posts")
    post_count = fields.Integer(compute="_compute_post_count", string="Open Posts")

    def _compute_post_count(self):
        counts = dict(
            self.env["coop.board.post"]._read_group(
                [("category_id", "in", self.ids), ("state", "=", "open")],
                ["category_id"],
                ["__count"],
            )
        )
        for category in self:
            category.post_count = counts.get(category, 0)
