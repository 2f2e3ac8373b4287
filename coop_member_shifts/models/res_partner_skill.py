from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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
        """Members holding a skill, by id or by name ("driv" finds the driving licence);
        a negative operator finds the members who do not hold it."""
        if operator in ("=", "!=") and not value:
            # "holds no skill" / "holds a skill"
            found = "not any" if operator == "=" else "any"
            return [("coop_member_skill_ids", found, [("usable", "=", True)])]
        negative = {"not in": "in", "!=": "=", "not ilike": "ilike", "not like": "like"}
        positive = negative.get(operator, operator)
        if positive not in ("in", "=", "ilike", "like", "=ilike", "=like"):
            return NotImplemented
        held = [("skill_id", positive, value), ("usable", "=", True)]
        return [("coop_member_skill_ids", "not any" if operator in negative else "any", held)]

    # === MEMBER'S DATA ===#

    def _coop_data_export(self):
        """Adds the member's declared skills and whether a coordinator confirmed them."""
        data = super()._coop_data_export()
        skills = self.commercial_partner_id.sudo().coop_member_skill_ids
        data["skills"] = self._coop_export_rows(skills, ["skill_id", "confirmed", "confirmed_on"])
        return data

    def _coop_anonymise_one(self):
        self.sudo().coop_member_skill_ids.unlink()
        return super()._coop_anonymise_one()
