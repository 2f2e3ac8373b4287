{
    "name": "Coop Member Shifts",
    "summary": "Volunteer work and income-based membership fees for cooperative groceries",
    "version": "18.0.1.0.0",
    "category": "Coop",
    "author": "Coop Groceries Odoo Team",
    "website": "https://github.com/coop-groceries/coop-odoo",
    "license": "AGPL-3",
    "depends": ["contacts", "sale_management", "membership", "portal", "mail"],
    "data": [
        "security/coop_security.xml",
        "security/ir.model.access.csv",
        "security/coop_work_entry_security.xml",
        "views/coop_work_entry_views.xml",
        "views/coop_exemption_views.xml",
        "views/coop_shift_views.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/coop_work_demo.xml",
        "demo/coop_shift_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "coop_member_shifts/static/tests/tours/**/*",
        ],
    },
    "application": True,
    "installable": True,
}
