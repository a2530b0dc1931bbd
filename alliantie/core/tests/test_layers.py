"""The layers the style guide describes, checked on the code: every public service, selector and permission says
in one line what it does; reads never call writes; no domain rule hangs on a model signal (a bulk update or the
admin would skip it)."""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
LAYERS = ("services.py", "selectors.py", "permissions.py")


def _modules(name: str) -> list[Path]:
    return sorted(PACKAGE.glob(f"*/{name}"))


def test_every_public_service_selector_and_permission_has_a_docstring():
    missing = []
    for layer in LAYERS:
        for path in _modules(layer):
            for node in ast.parse(path.read_text()).body:
                if isinstance(node, ast.FunctionDef) and not node.name.startswith("_") and not ast.get_docstring(node):
                    missing.append(f"{path.relative_to(PACKAGE)}: {node.name}")
    assert missing == []


def test_selectors_do_not_import_services():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in _modules("selectors.py")
        if re.search(r"^from alliantie\.\w+(\.services import| import .*\bservices\b)", path.read_text(), re.M)
    ]
    assert offenders == []


def test_no_domain_rule_hangs_on_a_model_signal():
    model_signals = re.compile(r"\b(pre_save|post_save|pre_delete|post_delete|m2m_changed)\b")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts and model_signals.search(path.read_text())
    ]
    assert offenders == []
