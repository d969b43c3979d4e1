"""`openfisca test --country-package openfisca_caqes` lance les cas YAML, chacun une fois."""

import subprocess
import sys
from pathlib import Path

import yaml

RACINE = Path(__file__).resolve().parent.parent
CAS = RACINE / "tests" / "caqes" / "refus_signature.yaml"


def test_openfisca_test_lance_chaque_cas_une_fois():
    attendus = len(yaml.safe_load(CAS.read_text(encoding="utf-8")))
    openfisca = Path(sys.executable).parent / "openfisca"
    resultat = subprocess.run(
        [str(openfisca), "test", "--country-package", "openfisca_caqes", str(CAS)],
        cwd=RACINE, capture_output=True, text=True, timeout=300,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert f"{attendus} passed" in resultat.stdout, resultat.stdout
