"""La roue et le dépôt portent la même loi ; l'installation éditable lit la loi du dépôt, sans en copier.

La roue est construite dans un dossier temporaire, installée sans dépendances dans un environnement
neuf (les dépendances sont celles de l'environnement des tests, ajoutées par un simple .pth), puis
lancée hors du dépôt : ses feuilles de paramètres (valeurs datées) et ses variables (dates des
formules) doivent être celles du dépôt.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
DELAI = 120
LOI = ("parameters", "variables", "reforms")

SCRIPT_LOI = textwrap.dedent(
    """
    import json
    import openfisca_caqes
    from openfisca_core.parameters import ParameterNode

    systeme = openfisca_caqes.CountryTaxBenefitSystem()

    def feuilles(noeud):
        for enfant in noeud.children.values():
            if isinstance(enfant, ParameterNode):
                yield from feuilles(enfant)
            else:
                valeurs = getattr(enfant, "values_list", None)
                if valeurs is None:  # barème
                    yield enfant.name, repr(enfant)
                else:
                    yield enfant.name, [[v.instant_str, v.value] for v in valeurs]

    print(json.dumps({
        "racine_loi": str(openfisca_caqes.RACINE_LOI),
        "parametres": dict(feuilles(systeme.parameters)),
        "variables": {nom: sorted(v.formulas) for nom, v in systeme.variables.items()},
    }, default=str))
    """
)


def lancer(commande: list[str], environnement: dict | None = None, **options) -> subprocess.CompletedProcess:
    base = {cle: valeur for cle, valeur in os.environ.items() if cle not in ("PYTHONPATH", "VIRTUAL_ENV")}
    resultat = subprocess.run(commande, capture_output=True, text=True, timeout=DELAI, env={**base, **(environnement or {})}, **options)
    assert resultat.returncode == 0, f"{' '.join(map(str, commande))}\n{resultat.stdout}\n{resultat.stderr}"
    return resultat


def construire_roue(dossier: Path) -> Path:
    """`python -m build --wheel` hors isolation si hatchling est là (rapide, hors ligne), sinon `pip wheel`."""
    if importlib.util.find_spec("hatchling") and importlib.util.find_spec("build"):
        lancer([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dossier), str(RACINE)])
    else:
        lancer([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(dossier), str(RACINE)])
    (roue,) = dossier.glob("openfisca_caqes-*.whl")
    return roue


@pytest.fixture(scope="module")
def roue(tmp_path_factory) -> Path:
    return construire_roue(tmp_path_factory.mktemp("roue"))


@pytest.fixture(scope="module")
def python_installe(roue, tmp_path_factory) -> Path:
    dossier = tmp_path_factory.mktemp("env") / "venv"
    lancer([sys.executable, "-m", "venv", "--without-pip", str(dossier)])
    python = dossier / "bin" / "python"
    site_neuf = Path(lancer([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    dependances = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site_neuf / "zz_dependances_de_test.pth").write_text("\n".join(sorted(dependances)) + "\n", encoding="utf-8")
    lancer([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(roue)])
    return python


def loi(python: Path, cwd: Path, environnement: dict | None = None) -> dict:
    return json.loads(lancer([str(python), "-c", SCRIPT_LOI], environnement, cwd=cwd).stdout.strip().splitlines()[-1])


@pytest.mark.lent
def test_la_roue_et_le_depot_portent_la_meme_loi(python_installe, tmp_path):
    installee = loi(python_installe, tmp_path)
    depot = loi(Path(sys.executable), tmp_path, {"PYTHONPATH": str(RACINE)})
    assert Path(depot["racine_loi"]) == RACINE
    assert Path(installee["racine_loi"]).parent.name == "site-packages", installee["racine_loi"]
    assert len(depot["parametres"]) > 300 and len(depot["variables"]) > 300
    assert sorted(installee["variables"]) == sorted(depot["variables"])
    differentes = [nom for nom in depot["variables"] if installee["variables"][nom] != depot["variables"][nom]]
    assert not differentes, differentes[:10]
    assert sorted(installee["parametres"]) == sorted(depot["parametres"])
    differents = [nom for nom in depot["parametres"] if installee["parametres"][nom] != depot["parametres"][nom]]
    assert not differents, differents[:10]


@pytest.mark.lent
def test_la_roue_range_la_loi_dans_le_paquet(roue):
    noms = set(zipfile.ZipFile(roue).namelist())
    for dossier in LOI:
        attendus = {
            f"openfisca_caqes/{p.relative_to(RACINE).as_posix()}"
            for p in (RACINE / dossier).rglob("*")
            if p.is_file() and p.suffix in (".yaml", ".py") and "__pycache__" not in p.parts
        }
        assert attendus and attendus <= noms, sorted(attendus - noms)[:10]
    assert "openfisca_caqes/formules/__init__.py" in noms
    assert not [nom for nom in noms if nom.split("/")[0] in LOI]  # rien à la racine de site-packages


@pytest.mark.lent
def test_l_installation_editable_ne_copie_pas_la_loi(tmp_path):
    """La roue éditable ne contient qu'un .pth vers le dépôt et les métadonnées : aucune copie figée de la loi."""
    pytest.importorskip("editables")
    constructeur = pytest.importorskip("hatchling.builders.wheel").WheelBuilder(str(RACINE))
    (chemin,) = constructeur.build(directory=str(tmp_path), versions=["editable"])
    noms = zipfile.ZipFile(chemin).namelist()
    copies = [nom for nom in noms if any(f"{dossier}/" in nom for dossier in LOI)]
    assert not copies, copies[:10]
    (pth,) = [nom for nom in noms if nom.endswith(".pth")]
    assert Path(zipfile.ZipFile(chemin).read(pth).decode().strip()) == RACINE
