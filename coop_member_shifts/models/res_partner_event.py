from odoo import fields, models

REGISTRATION_EXPORT_FIELDS = ["event_id", "event_begin_date", "event_end_date", "state"]
REGISTRATION_EXPORT_FIELDS += ["name", "email", "phone", "company_name"]
HELPER_EXPORT_FIELDS = ["event_id", "role", "hours", "work_state"]
ACTIVE_REGISTRATION_STATES = ("draft", "open")


class ResPartner(models.Model):
    """Events in a member's data: their registrations (with what they answered) and the events
    they organised or hosted are exported; on erasure the registrations ahead are cancelled
    (their seats freed), the roles on events ahead removed, and every registration loses the
    name, e-mail, phone and answers it holds. The hours counted stay in the ledger, as the
    ledger's rules say (a line is corrected, never deleted)."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_event_registrations(self):
        return (
            self.env["event.registration"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "child_of", self.commercial_partner_id.id)])
        )

    def _coop_event_helpers(self):
        return (
            self.env["coop.event.helper"]
            .sudo()
            .search([("partner_id", "=", self.commercial_partner_id.id)])
        )

    def _coop_data_export(self):
        data = super()._coop_data_export()
        registrations = self._coop_event_registrations()
        rows = self._coop_export_rows(registrations, REGISTRATION_EXPORT_FIELDS)
        for row, registration in zip(rows, registrations, strict=True):
            row["answers"] = [
                {
                    "question": answer.question_id.title,
                    "answer": answer.value_text_box or answer.value_answer_id.name,
                }
                for answer in registration.registration_answer_ids
            ]
        data["event_registrations"] = rows
        data["event_roles"] = self._coop_export_rows(
            self._coop_event_helpers(), HELPER_EXPORT_FIELDS
        )
        return data

    def _coop_erasure_close_open(self):
        closed = super()._coop_erasure_close_open()
        now = fields.Datetime.now()
        ahead = self._coop_event_registrations().filtered(
            lambda r: r.active and r.state in ACTIVE_REGISTRATION_STATES and r.event_end_date > now
        )
        if ahead:
            ahead.action_cancel()  # the seats are free again
            closed.append(self.env._("Event registrations cancelled: %s", len(ahead)))
        roles = self._coop_event_helpers().filtered(
            lambda helper: not helper.work_entry_id and helper.event_id.date_end > now
        )
        if roles:
            roles.unlink()
            closed.append(self.env._("Roles of organiser or host removed: %s", len(roles)))
        return closed

    def _coop_still_uses_the_coop(self, since):
        """A registration to an event since ``since`` (not cancelled) is using the coop too:
        the retention rule does not anonymise someone who comes to its workshops."""
        users = super()._coop_still_uses_the_coop(since)
        rows = (
            self.env["event.registration"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.ids),
                    ("event_begin_date", ">=", since),
                    ("state", "!=", "cancel"),
                ],
                ["partner_id"],
            )
        )
        return users | (self.browse(partner.id for (partner,) in rows) & self)

    def _coop_anonymise_one(self):
        registrations = self._coop_event_registrations()
        registrations.registration_answer_ids.unlink()
        registrations.write(
            {
                "name": self.env._("Anonymised member %s", self.id),
                "email": False,
                "phone": False,
                "company_name": False,
            }
        )
        return super()._coop_anonymise_one()
