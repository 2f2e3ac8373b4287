"""Every model an addon defines has at least one access rule (hand-written: no linter
knows which Python classes create a table)."""

import ast
import csv

from conftest import ROOT, addon_files

MODEL_BASES = {"Model", "TransientModel"}


def defined_models(addon):
    """``_name`` of classes deriving from models.Model / TransientModel, not mere inherits."""
    names = set()
    for path in addon_files(addon, "*.py"):
        if "/tests/" in str(path):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {getattr(b, "attr", getattr(b, "id", None)) for b in node.bases}
            if not bases & MODEL_BASES:
                continue
            attrs = {
                t.id: stmt.value
                for stmt in node.body
                if isinstance(stmt, ast.Assign)
                for t in stmt.targets
                if isinstance(t, ast.Name)
            }
            name = attrs.get("_name")
            if isinstance(name, ast.Constant):
                names.add(name.value)
    return names


def access_rows(addon):
    with open(ROOT / addon / "security" / "ir.model.access.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def test_access_csv_has_odoo_columns(addon):
    with open(ROOT / addon / "security" / "ir.model.access.csv") as handle:
        header = handle.readline().strip().split(",")
    assert header == [
        "id",
        "name",
        "model_id:id",
        "group_id:id",
        "perm_read",
        "perm_write",
        "perm_create",
        "perm_unlink",
    ]


def test_every_model_has_access_rules(addon):
    granted = {row["model_id:id"].split(".")[-1] for row in access_rows(addon)}
    for model in defined_models(addon):
        assert f"model_{model.replace('.', '_')}" in granted, f"{addon}: no access rule for {model}"


def test_access_rule_ids_are_unique(addon):
    ids = [row["id"] for row in access_rows(addon)]
    assert len(ids) == len(set(ids))
