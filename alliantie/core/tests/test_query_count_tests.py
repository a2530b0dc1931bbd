"""A query-count test proves nothing if the page answered 403 or 404 with the same number of queries: every
block that counts queries must also check the answer's status (in the block, or on the response it keeps)."""

import ast
import sys
from pathlib import Path

COUNTING = {"django_assert_num_queries", "django_assert_max_num_queries", "assertNumQueries"}
PACKAGE = Path(__file__).resolve().parents[2]


def _counts_queries(node: ast.With) -> bool:
    for item in node.items:
        call = item.context_expr
        if isinstance(call, ast.Call):
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", "")
            if name in COUNTING:
                return True
    return False


def unchecked_blocks() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("test_*.py")):
        source = path.read_text()
        for function in ast.walk(ast.parse(source)):
            if not isinstance(function, ast.FunctionDef):
                continue
            function_source = ast.get_source_segment(source, function) or ""
            for node in ast.walk(function):
                if not (isinstance(node, ast.With) and _counts_queries(node)):
                    continue
                body = "\n".join(ast.get_source_segment(source, statement) or "" for statement in node.body)
                if "status_code" in body:
                    continue
                kept = [
                    target.id
                    for statement in node.body
                    if isinstance(statement, ast.Assign)
                    for target in statement.targets
                    if isinstance(target, ast.Name)
                ]
                after = function_source[function_source.find(body) + len(body) :]
                if any(f"{name}.status_code" in after for name in kept):
                    continue
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_every_query_count_also_checks_the_status():
    assert unchecked_blocks() == []


def test_the_check_finds_a_block_without_status(tmp_path, monkeypatch):
    bad = tmp_path / "alliantie" / "test_bad.py"
    bad.parent.mkdir()
    bad.write_text(
        "def test_x(client, django_assert_num_queries):\n"
        "    with django_assert_num_queries(2):\n"
        "        client.get('/')\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "alliantie")
    assert unchecked_blocks() == ["test_bad.py:2"]
