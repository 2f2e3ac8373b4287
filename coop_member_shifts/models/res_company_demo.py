"""The demo coop keeps its books in euros (demo data only)."""

import logging

from odoo import api, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Records Odoo's own demo data created in the company's former currency, at a rate of 1.
DEMO_CURRENCY_COLUMNS = (
    ("account_move", "currency_id"),
    ("account_move_line", "currency_id"),
    ("account_move_line", "company_currency_id"),
    ("account_bank_statement_line", "currency_id"),
    ("sale_order", "currency_id"),
    ("sale_order_line", "currency_id"),
    ("product_pricelist", "currency_id"),
    ("product_pricelist_item", "currency_id"),
    ("product_supplierinfo", "currency_id"),
)


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _coop_demo_set_currency(self, company_id, currency_id):
        """Give the demo company its currency although Odoo's demo already booked entries.

        Odoo refuses to change the currency of a company with journal items; those of a fresh
        demo database are Odoo's own demo entries, all in the company's currency. They are
        re-denominated with it (amounts unchanged), so that the books stay consistent. Called
        by the demo data only, never on a database with entries in another currency.
        """
        company = self.browse(company_id)
        new_currency = self.env["res.currency"].browse(currency_id)
        old_currency = company.currency_id
        if old_currency == new_currency:
            return
        lines = self.env["account.move.line"].sudo().search([("company_id", "=", company.id)])
        if lines.filtered(lambda line: line.currency_id != old_currency):
            _logger.warning("Demo currency not changed: the books hold several currencies.")
            return
        new_currency.active = True
        cr = self.env.cr
        for table, column in DEMO_CURRENCY_COLUMNS:
            cr.execute(
                SQL(
                    "UPDATE %s SET %s = %s"
                    " WHERE %s = %s AND (company_id = %s OR company_id IS NULL)",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    new_currency.id,
                    SQL.identifier(column),
                    old_currency.id,
                    company.id,
                )
            )
        cr.execute(
            SQL(
                "UPDATE res_company SET currency_id = %s WHERE id = %s", new_currency.id, company.id
            )
        )
        self.env.invalidate_all()
