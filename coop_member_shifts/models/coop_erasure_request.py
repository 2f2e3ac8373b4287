from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

STATES = [("requested", "Requested"), ("done", "Carried out"), ("refused", "Refused")]
MANAGER_GROUP = "coop_member_shifts.group_coop_manager"


class CoopErasureRequest(models.Model):
    """A member asks the coop to erase their personal data (GDPR art. 17).

    Members ask from their portal account and see their own requests only; managers see them
    all and carry them out (the member's contact is anonymised; invoices and orders, kept for
    accounting, stay attached to the anonymised contact) or refuse them with a reason. The
    state only moves through the actions, which check who calls them.
    """

    _name = "coop.erasure.request"
    _description = "Erasure Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True, ondelete="restrict"
    )
    date = fields.Datetime(string="Requested On", required=True, default=fields.Datetime.now)
    state = fields.Selection(
        STATES, string="Status", default="requested", required=True, tracking=True, copy=False
    )
    refusal_reason = fields.Text(
        string="Reason for Refusal",
        help="Told to the member on their account: why the coop keeps their data.",
    )
    done_by_id = fields.Many2one(
        "res.users", string="Handled By", readonly=True, copy=False, tracking=True
    )
    date_done = fields.Datetime(string="Handled On", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for erasure in self:
            erasure.display_name = _("Erasure request #%s", erasure.id or "")

    @api.model_create_multi
    def create(self, vals_list):
        # A request starts as asked, whoever records it (a member, a manager, an import):
        # it is carried out or refused only by the actions, which check who calls them.
        if not self.env.su:
            for vals in vals_list:
                vals.update(state="requested", done_by_id=False, date_done=False)
                if not self.env.user.has_group(MANAGER_GROUP):
                    vals.update(refusal_reason=False, date=fields.Datetime.now())
        return super().create(vals_list)

    def write(self, vals):
        moved = {"state", "done_by_id", "date_done"} & set(vals)
        if moved and not self.env.context.get("coop_erasure_action"):
            self.check_access("write")  # who may not write at all is told so first
            raise UserError(_("Carry out or refuse an erasure request with its buttons."))
        return super().write(vals)

    def _coop_check_manager(self):
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only a coop manager carries out or refuses erasure requests."))

    def _coop_check_open(self):
        if any(erasure.state != "requested" for erasure in self):
            raise UserError(_("This erasure request has already been handled."))

    def _coop_close(self, state):
        self.with_context(coop_erasure_action=True).write(
            {"state": state, "done_by_id": self.env.user.id, "date_done": fields.Datetime.now()}
        )
        self.activity_ids.action_feedback()

    def action_carry_out(self):
        """Anonymise the member's contact; what accounting keeps stays, anonymised."""
        self._coop_check_manager()
        self._coop_check_open()
        for erasure in self:
            partner = erasure.partner_id.sudo()
            if partner.user_ids.filtered(lambda user: not user.share):
                raise UserError(
                    _(
                        "This member is also a user of the back office: remove their access "
                        "before erasing their data."
                    )
                )
            partner._coop_anonymise()
            partner.user_ids.write({"active": False})
            erasure.message_post(body=_("The member's personal data was erased."))
        self._coop_close("done")
        return True

    def action_refuse(self):
        self._coop_check_manager()
        self._coop_check_open()
        if any(not erasure.refusal_reason for erasure in self):
            raise UserError(_("Say why the request is refused: the member is told."))
        self._coop_close("refused")
        return True

    def _coop_ask_managers(self):
        """A member asked from their account: a manager has a to-do to handle it."""
        managers = self.env.ref("coop_member_shifts.group_coop_manager").sudo().users
        manager = managers.filtered(lambda user: not user._is_superuser())[:1]
        for erasure in self.sudo():
            erasure.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Erasure request to handle"),
                user_id=(manager or self.env.ref("base.user_admin")).id,
            )
