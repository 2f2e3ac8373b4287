"""Manifests: complete, in Odoo/OCA form, and every file they list exists (and only those)."""

import re

from conftest import ROOT, addon_files

REQUIRED_KEYS = {
    "name",
    "summary",
    "version",
    "category",
    "author",
    "website",
    "license",
    "depends",
    "data",
    "installable",
}
VERSION_RE = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
DATA_FOLDERS = ("data", "demo", "report", "security", "views", "wizard")


def test_manifest_has_required_keys(manifest):
    assert REQUIRED_KEYS <= manifest.keys(), REQUIRED_KEYS - manifest.keys()


def test_manifest_version_is_odoo_18(manifest):
    assert VERSION_RE.match(manifest["version"]), manifest["version"]


def test_manifest_license_is_free(manifest):
    assert manifest["license"] in ("AGPL-3", "LGPL-3")


def test_manifest_files_exist(addon, manifest):
    for path in manifest.get("data", []) + manifest.get("demo", []):
        assert (ROOT / addon / path).is_file(), f"{addon}: {path} is listed but missing"


def test_every_data_file_is_listed(addon, manifest):
    listed = set(manifest.get("data", []) + manifest.get("demo", []))
    for folder in DATA_FOLDERS:
        for path in addon_files(addon, f"{folder}/*.xml") + addon_files(addon, f"{folder}/*.csv"):
            relative = str(path.relative_to(ROOT / addon))
            assert relative in listed, f"{addon}: {relative} is in no manifest list"


def test_delivery_depends_on_member_shifts_never_the_reverse():
    from conftest import read_manifest

    assert "coop_member_shifts" in read_manifest("coop_solidarity_delivery")["depends"]
    assert "coop_solidarity_delivery" not in read_manifest("coop_member_shifts")["depends"]


def test_readme_fragments_exist(addon):
    for fragment in ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md"):
        assert (ROOT / addon / "readme" / fragment).is_file(), f"{addon}: readme/{fragment}"
