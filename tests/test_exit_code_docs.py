"""The exit codes the README and docs/robustness.md document are the ones the code gives."""

from __future__ import annotations

import re

from karamap.cli.common import EXIT_INTERNAL, EXIT_INTERRUPTED
from karamap.console import EXIT_INTERRUPTED as CONSOLE_INTERRUPTED
from karamap.errors import EXIT_CODES


def documented_codes(text: str) -> dict[int, str]:
    """The rows of the first table under '## Exit codes': code -> meaning."""
    section = text.split("## Exit codes", 1)[1]
    rows = re.findall(r"^\|\s*(\d+)\s*\|\s*([^|]*)\|", section.split("\n\n", 2)[1], flags=re.M)
    return {int(code): meaning.strip() for code, meaning in rows}


def test_the_readme_and_the_robustness_doc_list_the_same_exit_codes_as_the_code(repo_root):
    readme = documented_codes((repo_root / "README.md").read_text(encoding="utf-8"))
    robustness = documented_codes((repo_root / "docs" / "robustness.md").read_text(encoding="utf-8"))
    given = {code for _, code in EXIT_CODES} | {0, EXIT_INTERNAL, EXIT_INTERRUPTED, CONSOLE_INTERRUPTED}
    assert set(readme) == set(robustness) == given
    for code in (2, 3, 6, 130):  # the meanings this work changed say the same in both
        assert ("before any work" in readme[code]) == ("before any work" in robustness[code]), code
    assert "start-up included" in readme[130] and "start-up included" in robustness[130]
