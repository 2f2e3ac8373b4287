from lxml import etree, html

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools.template_inheritance import locate_node

ADDONS = ("coop_member_shifts", "coop_solidarity_delivery")


@tagged("post_install", "-at_install")
class TestEditorZones(TransactionCase):
    """No view of the addons adds content inside a zone the website editor saves.

    The editor saves an ``oe_structure`` as a whole into the coop's own copy of the page: what
    an inheriting view had put there is saved with it, and the view adds it again on top, once
    more at every save (the footer's call-back link did, until Odoo's own add-to-cart tour
    saved the footer three times)."""

    def _our_qweb_extensions(self):
        views = self.env["ir.ui.view"].search([("type", "=", "qweb"), ("inherit_id", "!=", False)])
        xmlids = views.get_external_id()
        return views.filtered(lambda view: xmlids[view.id].split(".")[0] in ADDONS)

    def _specs(self, arch):
        return list(arch) if arch.tag in ("data", "t") else [arch]

    def test_no_extension_writes_into_a_saved_zone(self):
        extensions = self._our_qweb_extensions()
        self.assertGreater(len(extensions), 20, "the walk found the addons' template extensions")
        for view in extensions:
            # The parent as the editor first had it: this view's own change left out.
            view.active = False
            parent_arch = view.inherit_id._get_combined_arch()
            view.active = True
            for spec in self._specs(etree.fromstring(view.arch)):
                if spec.tag is etree.Comment:
                    continue
                with self.subTest(view=view.key or view.name, spec=etree.tostring(spec)[:120]):
                    node = locate_node(parent_arch, spec)
                    self.assertIsNotNone(node, "the spec finds its node in the parent")
                    position = spec.get("position", "inside")
                    start = node if position in ("inside", "attributes") else node.getparent()
                    zones = [
                        dict(element.attrib)
                        for element in [start, *start.iterancestors()]
                        if "oe_structure" in (element.get("class") or "").split()
                    ]
                    self.assertFalse(zones, "%s adds content inside an editable zone" % view.key)


@tagged("post_install", "-at_install")
class TestFooterSavedByTheEditor(HttpCase):
    """The coop edits its footer in the website editor: what it saves is what it sees, and the
    call-back link stays once below it, save after save."""

    def _footer(self):
        page = html.fromstring(self.url_open("/").text)
        return page, page.get_element_by_id("footer")

    def test_saving_the_footer_twice_keeps_one_call_back_link(self):
        website = self.env["website"].get_current_website()
        view = website.with_context(website_id=website.id).viewref("website.footer_custom")
        for edit in ("First edit", "Second edit"):
            _page, footer = self._footer()
            footer.insert(0, html.fragment_fromstring("<p>%s by the coop</p>" % edit))
            view.with_context(website_id=website.id).save(
                html.tostring(footer, encoding="unicode"), xpath="/data/xpath/div"
            )
            view = website.with_context(website_id=website.id).viewref("website.footer_custom")
        page, footer = self._footer()
        self.assertEqual(footer.text_content().count("Second edit by the coop"), 1)
        self.assertEqual(len(page.find_class("o_coop_callback_footer")), 1)
        self.assertFalse(
            footer.find_class("o_coop_callback_footer"), "the link is not saved in the zone"
        )
