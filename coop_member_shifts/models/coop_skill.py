from odoo import api, fields, models


class CoopSkill(models.Model):
    _name = "coop.skill"
    _description = "Member Skill"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    category = fields.Selection(
        [
            ("practical", "Practical"),
            ("language", "Language Spoken"),
            ("office", "Office"),
            ("other", "Other"),
        ],
        default="practical",
        required=True,
    )
    description = fields.Text(translate=True)
    needs_confirmation = fields.Boolean(
        help="What members declare counts only once a coordinator has confirmed it "
        "(a driving licence, say).",
    )
    active = fields.Boolean(default=True)
    member_skill_ids = fields.One2many("coop.member.skill", "skill_id", string="Members")
    member_count = fields.Integer(compute="_compute_member_count", string="Members (count)")

    _sql_constraints = [
        ("name_unique", "unique(name)", "A skill with this name already exists."),
    ]

    @api.depends("member_skill_ids.usable")
    def _compute_member_count(self):
        counts = dict(
            self.env["coop.member.skill"]._read_group(
                [("skill_id", "in", self.ids), ("usable", "=", True)],
                ["skill_id"],
                ["__count"],
            )
        )
        for skill in self:
            skill.member_count = counts.get(skill, 0)

    # === ACTIONS ===#

    def action_open_members(self):
        """The members holding this skill, declared ones waiting for confirmation included."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_member_shifts.coop_member_skill_action"
        )
        action["domain"] = [("skill_id", "=", self.id)]
        action["context"] = {"default_skill_id": self.id}
        return action
