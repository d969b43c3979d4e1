"""Le code se lit sans erreur : pas de nom inconnu, pas d'import mort (ruff)."""

import shutil
import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent


def test_ruff_sans_erreur():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    resultat = subprocess.run(
        [ruff, "check", "openfisca_caqes", "variables", "reforms", "tests", "scripts", "benchmarks", "conftest.py"],
        cwd=RACINE, capture_output=True, text=True,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
