from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# Set by the server only: a coordinator's Confirm (or trusted code running as superuser).
# ``usable`` is derived from them; written directly, it would grant the skill unconfirmed.
CONFIRMATION_FIELDS = ("confirmed", "confirmed_by_id", "confirmed_on", "usable")
COORDINATOR_GROUP = "coop_member_shifts.group_coop_shift_coordinator"
# Record ids are PostgreSQL integers: anything larger is nonsense, not a lookup.
MAX_ID = 2**31 - 1


class CoopMemberSkill(models.Model):
    _name = "coop.member.skill"
    _description = "Skill of a Member"
    _order = "skill_id, partner_id"
    _rec_name = "skill_id"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, ondelete="cascade", index=True
    )
    skill_id = fields.Many2one("coop.skill", required=True, ondelete="restrict", index=True)
    category = fields.Selection(related="skill_id.category", store=True)
    needs_confirmation = fields.Boolean(related="skill_id.needs_confirmation")
    confirmed = fields.Boolean(readonly=True, copy=False)
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_on = fields.Datetime(readonly=True, copy=False)
    note = fields.Char(help="What the coordinator saw, such as the licence's category.")
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

    @api.model_create_multi
    def create(self, vals_list):
        """A declared skill starts unconfirmed, whoever declares it and whatever is sent."""
        self._check_no_confirmation(vals_list)
        # ``usable`` is always derived, even from trusted code.
        vals_list = [{k: v for k, v in vals.items() if k != "usable"} for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        """The confirmation is the Confirm button's; a confirmed line moved to another skill
        or member is no longer confirmed (it is another declaration)."""
        self._check_no_confirmation([vals])
        moved = "skill_id" in vals or "partner_id" in vals
        if moved and not any(name in vals for name in CONFIRMATION_FIELDS):
            vals = {**vals, "confirmed": False, "confirmed_by_id": False, "confirmed_on": False}
        # Trusted code may set a confirmation, not the flag derived from it.
        vals = {name: value for name, value in vals.items() if name != "usable"}
        return super().write(vals)

    def _check_no_confirmation(self, vals_list):
        """Only code running as superuser (the Confirm button, after its own checks) sets a
        confirmation: no context key, RPC argument or import can ask for it."""
        if self.env.su:
            return
        if any(name in vals for vals in vals_list for name in CONFIRMATION_FIELDS):
            raise AccessError(
                _("A skill is confirmed only by a shift coordinator, with the Confirm button.")
            )

    # === ACTIONS ===#

    def action_confirm(self):
        """Confirm the declared skills, in the name of the coordinator who clicks."""
        self._check_can_confirm()
        self.filtered(lambda member_skill: not member_skill.confirmed).sudo().write(
            {
                "confirmed": True,
                "confirmed_by_id": self.env.user.id,
                "confirmed_on": fields.Datetime.now(),
            }
        )
        return True

    def action_unconfirm(self):
        """Withdraw a confirmation (a licence lost, a mistake): the skill waits again."""
        self._check_can_confirm()
        self.sudo().write({"confirmed": False, "confirmed_by_id": False, "confirmed_on": False})
        return True

    def _check_can_confirm(self):
        """Only a shift coordinator confirms, and never their own skills."""
        if not self.env.user.has_group(COORDINATOR_GROUP):
            raise AccessError(_("Only a shift coordinator confirms members' skills."))
        self.check_access("write")
        user_partners = self.env.user.partner_id | self.env.user.partner_id.commercial_partner_id
        if self.partner_id & user_partners:
            raise UserError(_("You cannot confirm your own skills: ask another coordinator."))

    # === BUSINESS METHODS ===#

    @api.model
    def _usable_pairs(self, partners, skills):
        """The ``(partner id, skill id)`` pairs of ``partners`` who hold ``skills`` in a way
        that counts, in one query. Read as superuser: a sign-up or a matching rule needs the
        answer whoever asks."""
        if not (partners and skills):
            return set()
        groups = self.sudo()._read_group(
            [
                ("partner_id", "in", partners.ids),
                ("skill_id", "in", skills.ids),
                ("usable", "=", True),
            ],
            ["partner_id", "skill_id"],
        )
        return {(partner.id, skill.id) for partner, skill in groups}

    @api.model
    def _coop_declare_own(self, skill_id):
        """The logged-in member declares a skill (the portal's only way to add one): it
        starts unconfirmed; declaring it twice keeps the first declaration."""
        skill = self._coop_portal_skill(skill_id)
        member = self._coop_own_member()
        existing = self.sudo().search([("partner_id", "=", member.id), ("skill_id", "=", skill.id)])
        return existing or self.sudo().create({"partner_id": member.id, "skill_id": skill.id})

    @api.model
    def _coop_withdraw_own(self, skill_id):
        """The logged-in member removes one of their skills (confirmed or not)."""
        skill = self._coop_portal_skill(skill_id)
        member = self._coop_own_member()
        existing = self.sudo().search([("partner_id", "=", member.id), ("skill_id", "=", skill.id)])
        if not existing:
            raise UserError(_("%s is not among your skills.", skill.name))
        existing.unlink()
        return skill

    @api.model
    def _coop_own_member(self):
        return self.env.user.partner_id.commercial_partner_id

    @api.model
    def _coop_portal_skill(self, skill_id):
        """The active skill of id ``skill_id`` as sent by a form; a clear message otherwise."""
        try:
            skill_id = int(skill_id)
        except (TypeError, ValueError):
            skill_id = 0
        skill = self.env["coop.skill"]
        if 0 < skill_id <= MAX_ID:
            skill = skill.sudo().browse(skill_id).exists().filtered("active")
        if not skill:
            raise UserError(_("Choose a skill from the list."))
        return skill.sudo(False)
