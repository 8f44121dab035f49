"""Progress: a rich bar on stderr when it is a terminal (index, articles, map), nothing otherwise,
and --quiet silences it."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest


def run_with_terminal_stderr(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run karamap with its stderr on a pseudo-terminal; returns (exit code, what the terminal got)."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "karamap", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=slave, cwd=cwd, env=env)
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=600)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("in") / "many.jsonl"
    lines = [f'{{"id": "n{k}", "date": "2021-01-30", "text": "Talks were held in Baku on day {k}."}}'
             for k in range(300)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_terminal_sees_progress_of_the_index_the_articles_and_the_map(tmp_path, many_articles):
    code, seen = run_with_terminal_stderr(["build", str(many_articles), "-o", str(tmp_path / "out")], tmp_path)
    assert code == 0, seen
    assert "place index" in seen
    assert "Articles" in seen
    assert "Writing the map" in seen
    assert "━" in seen  # rich's bar


def test_quiet_silences_the_progress_bar(tmp_path, many_articles):
    code, seen = run_with_terminal_stderr(["annotate", str(many_articles), "-o", str(tmp_path / "o.jsonl"),
                                           "--quiet"], tmp_path)
    assert code == 0, seen
    assert "Articles" not in seen and "━" not in seen and "place index" not in seen
    assert "300 articles" in seen  # the summary stays


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path, many_articles):
    proc = subprocess.run([sys.executable, "-m", "karamap", "annotate", str(many_articles), "-o",
                           str(tmp_path / "o.jsonl")], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines() == ["300 articles -> " + str(tmp_path / "o.jsonl")]
