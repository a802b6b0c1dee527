"""The `sahifa` command imports a command's modules only when that command runs: seconds of
imports (datasets, seqeval, scikit-learn …) are paid by the commands that need them."""

from __future__ import annotations

import subprocess
import sys

OTHER_COMMANDS = ("sahifa.build", "sahifa.train", "sahifa.export", "sahifa.publish",
                  "sahifa.evaluate.metrics", "seqeval", "sklearn")


def _modules_loaded_by(call: str) -> set[str]:
    """Which of OTHER_COMMANDS' modules a fresh interpreter has loaded after `call` of
    sahifa.cli.main (printed last, after the command's own output)."""
    code = ("import sys\nfrom sahifa.cli import main\n"
            f"try:\n    {call}\nexcept SystemExit:\n    pass\n"
            f"print(' '.join(m for m in {OTHER_COMMANDS!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return set(out.stdout.splitlines()[-1].split())


def test_help_imports_no_command():
    assert _modules_loaded_by("main(['--help'])") == set()


def test_validate_imports_none_of_the_other_commands(tmp_path):
    assert _modules_loaded_by(f"main(['validate', {str(tmp_path)!r}, '--workers', '1'])") \
        == set()


def test_a_command_imports_its_own_modules(tmp_path):
    assert "sahifa.build" in _modules_loaded_by(
        f"main(['build', '--input', {str(tmp_path / 'absent')!r}])")
