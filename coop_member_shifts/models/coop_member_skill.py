from odoo import api, fields, models


class CoopMemberSkill(models.Model):
    _name = "coop.member.skill"
    _description = "Skill of a Member"
    _order = "skill_id, partner_id"
    _rec_name = "skill_id"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, ondelete="cascade", index=True
    )
    skill_id = fields.Many2one("coop.skill", required=True, ondelete="restrict", index=True)
    confirmed = fields.Boolean(readonly=True, copy=False)
    confirmed_by_id = fields.Many2one("res.users", string="Confirmed By", readonly=True)
    confirmed_on = fields.Datetime(readonly=True, copy=False)
    usable = fields.Boolean(
        compute="_compute_usable",
        store=True,
        help="Counts for sign-ups and matching: confirmed, or a skill that needs no confirmation.",
    )

    _sql_constraints = [
        (
            "partner_skill_unique",
            "unique(partner_id, skill_id)",
            "This member has this skill already.",
        ),
    ]

    @api.depends("confirmed", "skill_id.needs_confirmation")
    def _compute_usable(self):
        for member_skill in self:
            member_skill.usable = (
                member_skill.confirmed or not member_skill.skill_id.needs_confirmation
            )
