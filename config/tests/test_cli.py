import subprocess
import sys
from pathlib import Path

from takeaction.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_cli_runs_management_commands(capsys):
    assert main(["takeaction", "help", "demo_load"]) == 0
    assert "demo campaigns" in capsys.readouterr().out


def test_takeaction_console_script_is_installed():
    script = Path(sys.executable).parent / "takeaction"
    result = subprocess.run(
        [str(script), "check"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
