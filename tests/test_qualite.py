"""Les habitudes d'un projet mûr, vérifiées en CI : YAML propre, paquet publiable, version qui suit la loi."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
BINAIRES = Path(sys.executable).parent


def _outil(nom: str) -> str:
    return shutil.which(nom) or str(BINAIRES / nom)


def _script_empreinte():
    spec = importlib.util.spec_from_file_location("empreinte_loi", RACINE / "scripts" / "empreinte_loi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_yamllint_parametres_cas_et_scenarios():
    resultat = subprocess.run(
        [_outil("yamllint"), "-c", str(RACINE / ".yamllint"), "-f", "parsable", "parameters", "tests", "reforms"],
        cwd=RACINE, capture_output=True, text=True,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def test_la_version_monte_quand_la_loi_change():
    """Loi modifiée ⇒ version montée, CHANGELOG écrit, puis `python scripts/empreinte_loi.py --ecrire`."""
    module = _script_empreinte()
    enregistre = module.enregistree()
    version = module.version()
    if version == enregistre["version"]:
        assert module.empreinte() == enregistre["empreinte"], (
            f"la loi a changé depuis la version {version} : monter la version dans pyproject.toml, écrire "
            "l'entrée du CHANGELOG, puis lancer `python scripts/empreinte_loi.py --ecrire`"
        )
    else:
        from packaging.version import Version

        assert Version(version) > Version(enregistre["version"]), "la version ne peut que monter"
        pytest.fail(f"version {version} sans empreinte : lancer `python scripts/empreinte_loi.py --ecrire`")
    assert f"## {version}" in (RACINE / "CHANGELOG.md").read_text(encoding="utf-8"), f"CHANGELOG sans entrée {version}"


def test_paquet_construit_et_verifie_par_twine(tmp_path):
    """`python -m build` (sdist et wheel) puis `twine check` ; la roue porte la loi."""
    construit = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(tmp_path), str(RACINE)],
        capture_output=True, text=True,
    )
    if construit.returncode != 0 and "No module named build" in construit.stderr:
        pytest.skip("le module build n'est pas installé (extra [test])")
    assert construit.returncode == 0, construit.stdout[-3000:] + construit.stderr[-3000:]
    archives = sorted(tmp_path.glob("*"))
    assert any(a.suffix == ".whl" for a in archives) and any(a.name.endswith(".tar.gz") for a in archives)
    verifie = subprocess.run([_outil("twine"), "check", "--strict", *map(str, archives)], capture_output=True, text=True)
    assert verifie.returncode == 0, verifie.stdout + verifie.stderr
    roue = next(a for a in archives if a.suffix == ".whl")
    noms = zipfile.ZipFile(roue).namelist()
    assert any(n.endswith("parameters/ifep/index.yaml") for n in noms), "la roue ne porte pas la loi"
    assert any("/variables/" in n and n.endswith(".py") for n in noms)
