import psycopg2.errors
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, mute_logger
from odoo.tools.sql import index_exists

STATES = [("requested", "Requested"), ("done", "Carried out"), ("refused", "Refused")]
MANAGER_GROUP = "coop_member_shifts.group_coop_manager"
# One open request a member: a partial unique index, whatever the path (portal, RPC, import).
ONE_OPEN_INDEX = "coop_erasure_request_one_open_per_member"


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

    def init(self):
        """At most one open request a member, held by the database (five requests sent at
        once insert one row). Open duplicates left by older versions are refused first, the
        oldest kept, so that the index can be built."""
        self.env.cr.execute(
            """
            UPDATE coop_erasure_request AS duplicate
               SET state = 'refused',
                   refusal_reason = 'Duplicate of an earlier open request.'
             WHERE duplicate.state = 'requested'
               AND EXISTS (SELECT 1 FROM coop_erasure_request AS first
                            WHERE first.partner_id = duplicate.partner_id
                              AND first.state = 'requested'
                              AND first.id < duplicate.id)
            """
        )
        if not index_exists(self.env.cr, ONE_OPEN_INDEX):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX %s ON coop_erasure_request (partner_id) "
                    "WHERE state = 'requested'",
                    SQL.identifier(ONE_OPEN_INDEX),
                )
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
        self.check_access("create")  # who may not create learns nothing of open requests
        self._coop_check_none_open([vals.get("partner_id") for vals in vals_list])
        try:
            # The index decides between requests sent at the same moment (none of them sees
            # the others' rows): the losers get the same sentence as a second request.
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                return super().create(vals_list)
        except psycopg2.errors.UniqueViolation as error:
            if error.diag.constraint_name != ONE_OPEN_INDEX:
                raise
            raise UserError(self._coop_already_open_message()) from None

    def _coop_check_none_open(self, partner_ids):
        """Refuse a second open request for a member (the usual case, one at a time)."""
        ids = [partner_id for partner_id in partner_ids if partner_id]
        repeated = len(ids) != len(set(ids))
        if repeated or self.sudo().search_count(
            [("partner_id", "in", ids), ("state", "=", "requested")], limit=1
        ):
            raise UserError(self._coop_already_open_message())

    @api.model
    def _coop_already_open_message(self):
        return _(
            "An erasure request of this member is already open: a coop manager will handle it."
        )

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
        """Close what is still open in the member's name (registrations ahead, unpaid
        orders, standing orders...: see ``res.partner._coop_erasure_close_open``), then
        anonymise the contact; what accounting keeps stays, anonymised. All or nothing: one
        transaction, any failure undoes it all."""
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
            closed = partner._coop_erasure_close_open()
            partner._coop_anonymise()
            partner.user_ids.write({"active": False})
            body = Markup("<p>%s</p>") % _("The member's personal data was erased.")
            if closed:
                body += Markup("<p>%s</p><ul>%s</ul>") % (
                    _("Closed before the erasure:"),
                    Markup().join(Markup("<li>%s</li>") % line for line in closed),
                )
            erasure.message_post(body=body)
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
            erasure._coop_schedule_todo(
                manager, lambda env: (env._("Erasure request to handle"), "")
            )

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Erasure request created")
