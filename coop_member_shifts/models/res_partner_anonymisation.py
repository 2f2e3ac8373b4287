"""Anonymisation of a person, shared by the retention of beneficiaries and by members'
erasure requests.

Odoo's ``privacy_lookup`` finds the records that refer to the person (a many2one to the
contact, their e-mail or name); of those, only the ones that are really theirs are kept (the
lookup also matches namesakes). Their personal strings (name, e-mail, phones, street) are then
replaced in those records, in the messages and tracking values of those records, and in
messages the person wrote or received; mails still queued for them and attachments holding
the strings are deleted. Accounting documents are kept and point to the anonymised contact.
Nothing is tracked while doing so: the old values never reach a new tracking line.
"""

import uuid

from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize, html_escape

# Without tracking, log or notification: the anonymisation writes no trace of the old values.
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "active_test": False,
    # Lets the superuser scrub personal text from validated ledger lines (see coop.work.entry).
    "coop_anonymisation": True,
}
PERSONAL_STRING_FIELDS = ("name", "email", "phone", "mobile", "street", "street2")
# Strings shorter than this are not searched for: they would match everywhere.
MIN_SECRET_LENGTH = 4
# Models the lookup reports that are handled apart (or not at all).
LOOKUP_SKIPPED_MODELS = ("res.partner", "res.users", "mail.message", "privacy.log")


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    coop_anonymised = fields.Boolean(string="Anonymised", readonly=True, copy=False)

    # === BUSINESS METHODS ===#

    def _coop_anonymise(self):
        """Erase these people's personal data everywhere Odoo keeps it; their accounting
        documents stay, pointing to the anonymised contact."""
        for partner in self.sudo().with_context(**QUIET_CONTEXT):
            if partner.is_company or partner.user_ids.filtered(lambda user: not user.share):
                raise UserError(
                    _("%s is a company or an employee: it is not anonymised.", partner.name)
                )
            partner._coop_anonymise_one()
        return True

    def _coop_anonymise_one(self):
        self.ensure_one()
        # Nothing goes on in an anonymous name: what is open is closed first (see
        # res_partner_erasure.py; the erasure request has done it already, the other paths not).
        self._coop_erasure_close_open()
        self._coop_erase_texts()
        # Then: Odoo e-mails the old address about the new login; that mail is deleted below.
        for user in self.user_ids:
            user.write({"login": f"anonymised-{user.id}", "active": False})
        secrets = self._coop_personal_strings()
        references = self._coop_privacy_references()
        self._coop_anonymise_references(references)
        replacement = _("Anonymised member %s", self.id)
        for records in references.values():
            self._coop_scrub_strings(records, secrets, replacement)
        messages = self._coop_messages(references)
        self._coop_scrub_strings(messages, secrets, replacement)
        self._coop_scrub_strings(messages.tracking_value_ids, secrets, replacement)
        self._coop_scrub_tracking_of_contact(secrets, replacement)
        self._coop_delete_mails(messages)
        self._coop_delete_attachments(references, secrets)
        self.message_ids.unlink()
        self.write(self._coop_anonymised_values(replacement))
        # Last: Odoo writes a signature with the name into an empty one when the name changes.
        self.with_context(active_test=False).user_ids.write({"signature": False})

    def _coop_still_uses_the_coop(self, since):
        """The people of ``self`` who used the coop since ``since``: an order, a line of
        volunteer work or a shift registration, or a membership still running."""
        orders = self.env["sale.order"]._read_group(
            [
                ("partner_id", "in", self.ids),
                ("date_order", ">=", since),
                ("state", "!=", "cancel"),
            ],
            ["partner_id"],
        )
        work = self.env["coop.work.entry"]._read_group(
            [("partner_id", "in", self.ids), ("date", ">=", since)], ["partner_id"]
        )
        shifts = self.env["coop.shift.registration"]._read_group(
            [("partner_id", "in", self.ids), ("shift_start", ">=", since)], ["partner_id"]
        )
        active = self.browse(partner.id for rows in (orders, work, shifts) for (partner,) in rows)
        members = self.filtered(
            lambda p: p.membership_state in ("paid", "free", "invoiced", "waiting")
        )
        return (active | members) & self

    def _coop_anonymise_references(self, references):
        """Hook: clear the personal fields of the person's own records (``references``
        maps a model name to the person's records found by the lookup)."""

    def _coop_anonymised_values(self, replacement):
        return {
            "name": replacement,
            "email": False,
            "phone": False,
            "mobile": False,
            "street": False,
            "street2": False,
            "city": False,
            "zip": False,
            "comment": False,
            "website": False,
            "function": False,
            "image_1920": False,
            "partner_latitude": 0.0,
            "partner_longitude": 0.0,
            "coop_anonymised": True,
        }

    def _coop_personal_strings(self):
        values = [self[name] for name in PERSONAL_STRING_FIELDS]
        return sorted(
            {
                value.strip()
                for value in values
                if value and len(value.strip()) >= MIN_SECRET_LENGTH
            },
            key=len,
            reverse=True,
        )

    def _coop_privacy_references(self):
        """``{model name: records}`` of the person, found by ``privacy_lookup``'s query and
        kept only when they point to this contact or carry its e-mail address."""
        email = self.email or f"coop-no-email-{uuid.uuid4().hex}@invalid"
        lookup = self.env["privacy.lookup.wizard"].new({"name": self.name, "email": email})
        self.env.flush_all()
        self.env.cr.execute(lookup._get_query())
        found = {}
        for row in self.env.cr.dictfetchall():
            model_name = self.env["ir.model"].browse(row["res_model_id"]).model
            if model_name in LOOKUP_SKIPPED_MODELS or model_name not in self.env:
                continue
            found.setdefault(model_name, set()).add(row["res_id"])
        references = {}
        for model_name, ids in found.items():
            records = self.env[model_name].browse(ids).exists().filtered(self._coop_is_theirs)
            if records:
                references[model_name] = records
        return references

    def _coop_is_theirs(self, record):
        """Whether ``record`` points to this contact or carries its e-mail address."""
        normalized = email_normalize(self.email) if self.email else False
        for name, field in record._fields.items():
            if not field.store:
                continue
            if field.type == "many2one" and field.comodel_name == "res.partner":
                if record[name] == self:
                    return True
                continue
            is_email = normalized and name in ("email", "email_from", "email_normalized")
            if is_email and record[name] and email_normalize(record[name]) == normalized:
                return True
        return False

    def _coop_messages(self, references):
        domain = [
            "|",
            "|",
            ("author_id", "=", self.id),
            ("partner_ids", "in", self.ids),
            "&",
            ("model", "=", "res.partner"),
            ("res_id", "=", self.id),
        ]
        for model_name, records in references.items():
            domain = ["|", *domain, "&", ("model", "=", model_name), ("res_id", "in", records.ids)]
        return self.env["mail.message"].search(domain)

    def _coop_scrub_tracking_of_contact(self, secrets, replacement):
        """Tracking lines that recorded this contact as a value (an order's customer, say)
        hold its name as text, wherever they are."""
        trackings = self.env["mail.tracking.value"].search(
            [
                ("field_id.relation", "=", "res.partner"),
                "|",
                ("old_value_integer", "=", self.id),
                ("new_value_integer", "=", self.id),
            ]
        )
        self._coop_scrub_strings(trackings, secrets, replacement)

    def _coop_delete_mails(self, messages):
        domain = [("recipient_ids", "in", self.ids)]
        if messages:
            domain = ["|", ("mail_message_id", "in", messages.ids), *domain]
        if self.email:
            domain = ["|", ("email_to", "ilike", self.email), *domain]
        self.env["mail.mail"].search(domain).unlink()

    def _coop_delete_attachments(self, references, secrets):
        """Attachments of the contact, and those of its records that name the person."""
        domain = [("res_model", "=", "res.partner"), ("res_id", "=", self.id)]
        attachments = self.env["ir.attachment"].search(domain)
        for model_name, records in references.items():
            for secret in secrets:
                attachments |= self.env["ir.attachment"].search(
                    [
                        ("res_model", "=", model_name),
                        ("res_id", "in", records.ids),
                        "|",
                        ("name", "ilike", secret),
                        ("index_content", "ilike", secret),
                    ]
                )
        attachments.unlink()

    def _coop_scrub_strings(self, records, secrets, replacement):
        """Replace ``secrets`` by ``replacement`` in the stored text fields of ``records``
        (e-mail addresses by nothing)."""
        text_fields = [
            name
            for name, field in records._fields.items()
            if field.store
            and field.type in ("char", "text", "html")
            and not field.related
            and not field.translate
            and name not in ("message_id", "model")
        ]
        for record in records:
            vals = {}
            for name in text_fields:
                value = record[name]
                if not value or not isinstance(value, str):
                    continue
                scrubbed = _replace_secrets(str(value), secrets, replacement)
                if scrubbed != str(value):
                    is_html = isinstance(value, Markup)
                    vals[name] = Markup(scrubbed) if is_html else scrubbed
            if vals:
                record.write(vals)


def _replace_secrets(text, secrets, replacement):
    for secret in secrets:
        new = "" if "@" in secret else replacement
        for form in {secret, str(html_escape(secret))}:
            text = _replace_ignoring_case(text, form, new)
    return text


def _replace_ignoring_case(text, old, new):
    lowered, old_lowered = text.lower(), old.lower()
    if old_lowered not in lowered or len(lowered) != len(text):
        return text.replace(old, new)
    parts, start = [], 0
    while (index := lowered.find(old_lowered, start)) != -1:
        parts.append(text[start:index])
        parts.append(new)
        start = index + len(old)
    parts.append(text[start:])
    return "".join(parts)
