"""The README's commands stay true: CI runs exactly the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    block = re.search(r"```sh\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)
    assert block, "README must open with a sh block of two commands"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_a_sentence_then_two_commands() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("newsreader is ") and first.endswith(".")
    assert len(_readme_commands()) == 2


def test_ci_runs_the_readme_test_command() -> None:
    test_command = _readme_commands()[1]
    assert "pytest" in test_command
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_launch_command_starts_the_app(monkeypatch) -> None:
    import importlib
    import shlex
    import tomllib

    from newsreader import launch

    # The last step of the launch line runs the installed console script, alone.
    program, *args = shlex.split(_readme_commands()[0].split("&&")[-1])
    assert program == ".venv/bin/newsreader", program
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    module, function = project["project"]["scripts"]["newsreader"].split(":")
    assert getattr(importlib.import_module(module), function) is launch.main
    # With those arguments the front door opens the window on the default library.
    monkeypatch.delenv("NEWSREADER_LIBRARY", raising=False)
    assert launch.app_library(args) == (True, None)


def test_readme_commands_install_into_a_virtual_environment() -> None:
    # Debian 12 and Ubuntu 24.04 refuse `pip install` into the system Python (PEP 668);
    # both one-line commands make `.venv` first and install only into it.
    for command in _readme_commands():
        assert command.startswith("python3 -m venv .venv && "), command
        assert "python3 -m pip" not in command and "sudo" not in command, command
    launch, test = _readme_commands()
    assert ".venv/bin/pip install" in launch and launch.endswith(".venv/bin/newsreader")
    assert ". .venv/bin/activate && pip install" in test
