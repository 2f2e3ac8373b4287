"""Every SMS of both addons fits in one SMS (160 characters) for a demo record, in English and
in the French and Dutch of the .po files, and never carries an address."""

import re
from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

ADDONS = ("coop_member_shifts", "coop_solidarity_delivery")
SMS_MAX = 160
# The languages of the .po files, and the language each is rendered in.
PO_LANGS = {"fr": "fr_FR", "nl": "nl_BE"}
_EXPRESSION = re.compile(r"\{\{.*?\}\}")
_OCCURRENCE = "model:sms.template,body:"


def fixed_text(body):
    """The body without its ``{{ ... }}`` expressions: what the translator writes."""
    return _EXPRESSION.sub("", body)


def po_bodies(addon, po_lang):
    """``{xmlid: translated body}`` of the addon's SMS templates in ``<po_lang>.po`` (the
    occurrence names the whole XML id, module included); a template missing there or not
    translated yet is left out."""
    path = Path(get_module_path(addon)) / "i18n" / f"{po_lang}.po"
    if not path.exists():
        return {}
    bodies = {}
    for entry in polib.pofile(str(path)):
        if not entry.msgstr or entry.obsolete:
            continue
        for occurrence, _line in entry.occurrences:
            if occurrence.startswith(_OCCURRENCE):
                bodies[occurrence[len(_OCCURRENCE) :]] = entry.msgstr
    return bodies


@tagged("post_install", "-at_install")
class TestSmsTemplates(TransactionCase):
    def templates(self):
        data = self.env["ir.model.data"].search(
            [("module", "in", ADDONS), ("model", "=", "sms.template")]
        )
        return {f"{d.module}.{d.name}": self.env["sms.template"].browse(d.res_id) for d in data}

    def demo_record(self, template):
        """A demo record of the template's model (an order: one with a slot)."""
        domain = [("coop_slot_id", "!=", False)] if template.model == "sale.order" else []
        record = self.env[template.model].search(domain, limit=1, order="id")
        self.assertTrue(record, f"No demo record to render {template.name}")
        return record

    def render(self, template, record, lang):
        return template._render_field("body", record.ids, set_lang=lang)[record.id]

    def test_every_sms_addon_template_is_checked(self):
        self.assertEqual(
            set(self.templates()),
            {
                "coop_member_shifts.sms_template_shift_reminder",
                "coop_solidarity_delivery.sms_template_delivery_offer",
                "coop_solidarity_delivery.sms_template_drive_reminder",
                "coop_solidarity_delivery.sms_template_order_confirmation",
                "coop_solidarity_delivery.sms_template_standing_order_week",
            },
        )

    def test_every_sms_fits_in_160_characters_in_english(self):
        for xmlid, template in self.templates().items():
            with self.subTest(template=xmlid):
                body = self.render(template, self.demo_record(template), "en_US")
                self.assertLessEqual(len(body), SMS_MAX, body)
                self.assertNotIn("{{", body)

    def test_every_translated_sms_fits_in_160_characters(self):
        """The fixed text of the French and Dutch translation, plus what the expressions
        give in that language for the demo record. A template not translated yet in a .po
        is skipped by name (the lead translates at the end), never silently."""
        templates = self.templates()
        for po_lang, lang in PO_LANGS.items():
            translated = {}
            for addon in ADDONS:
                translated.update(po_bodies(addon, po_lang))  # keyed by the whole XML id
            for xmlid, template in templates.items():
                with self.subTest(template=xmlid, lang=po_lang):
                    if xmlid not in translated:
                        self.skipTest(f"{xmlid} is not translated in {po_lang}.po yet")
                    source = template.with_context(lang="en_US").body
                    rendered = self.render(template, self.demo_record(template), lang)
                    expressions = len(rendered) - len(fixed_text(source))
                    length = len(fixed_text(translated[xmlid])) + expressions
                    self.assertLessEqual(length, SMS_MAX, translated[xmlid])

    def test_no_sms_carries_the_beneficiarys_street(self):
        offer = self.env["coop.delivery.offer"].search([], limit=1)
        street = offer.request_id.beneficiary_id.street
        self.assertTrue(street)
        template = self.env.ref("coop_solidarity_delivery.sms_template_delivery_offer")
        for lang in ("en_US", *PO_LANGS.values()):
            self.assertNotIn(street, self.render(template, offer, lang))
