{
    "name": "Coop Solidarity Delivery",
    "summary": "Drive pickup slots and volunteer deliveries to isolated coop members",
    "version": "18.0.1.0.0",
    "category": "Coop",
    "author": "Coop Groceries Odoo Team",
    "website": "https://github.com/coop-groceries/coop-odoo",
    "license": "AGPL-3",
    "depends": ["coop_member_shifts", "sale_stock", "website_sale_collect", "portal"],
    "external_dependencies": {"python": ["geopy"]},
    "data": [
        "security/coop_delivery_security.xml",
        "security/ir.model.access.csv",
        "data/coop_weekday_data.xml",
        "data/geo_provider_data.xml",
        "data/geo_provider_default.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "coop_solidarity_delivery/static/tests/tours/**/*",
        ],
    },
    "application": False,
    "installable": True,
}
