"""XML files parse and use Odoo 18 syntax.

Hand-written because pylint-odoo checks deprecated attributes only partly: it does not
flag ``attrs=``/``states=`` (removed in Odoo 17) nor ``<tree>`` (renamed ``<list>`` in 18).
"""

import pytest
from lxml import etree

from conftest import ADDONS, ROOT, addon_files

XML_FILES = [p for addon in ADDONS for p in addon_files(addon, "*.xml")]


@pytest.fixture(params=XML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def xml_tree(request):
    return etree.parse(str(request.param))


def test_xml_has_odoo_root(xml_tree):
    assert xml_tree.getroot().tag == "odoo"


def test_no_tree_views(xml_tree):
    assert not xml_tree.xpath("//tree"), "Odoo 18 names list views <list>"


def test_no_removed_attributes(xml_tree):
    assert not xml_tree.xpath("//*[@attrs or @states]"), "attrs/states were removed in Odoo 17"


def test_no_deprecated_chatter_markup(xml_tree):
    assert not xml_tree.xpath("//div[@class='oe_chatter']"), "use <chatter/> in Odoo 18"


def test_view_archs_mode_is_known(xml_tree):
    for node in xml_tree.xpath("//field[@name='view_mode']"):
        modes = (node.text or "").split(",")
        assert "tree" not in modes, "view_mode 'tree' is 'list' in Odoo 18"
