from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_member_skill_ids = fields.One2many(
        "coop.member.skill", "partner_id", string="Skills (declared)"
    )
    coop_skill_ids = fields.Many2many(
        "coop.skill",
        string="Skills",
        compute="_compute_coop_skill_ids",
        search="_search_coop_skill_ids",
        help="The skills that count: confirmed, or needing no confirmation.",
    )

    @api.depends("coop_member_skill_ids.usable", "coop_member_skill_ids.skill_id")
    def _compute_coop_skill_ids(self):
        for partner in self:
            partner.coop_skill_ids = partner.coop_member_skill_ids.filtered("usable").skill_id

    def _search_coop_skill_ids(self, operator, value):
        if operator not in ("in", "="):
            return NotImplemented
        return [
            ("coop_member_skill_ids", "any", [("skill_id", operator, value), ("usable", "=", True)])
        ]
