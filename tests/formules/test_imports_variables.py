"""Les fichiers de variables n'importent que le moteur : jamais un autre fichier de variables.

OpenFisca charge chaque fichier de `variables/` par son chemin, sous un nom qui lui est propre ; un
import par nom de module (`openfisca_caqes.variables.…`) l'exécuterait une seconde fois, en un second
objet module. Les outils partagés vivent dans `openfisca_caqes.formules`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import openfisca_caqes

RACINE = Path(__file__).resolve().parents[2]
VARIABLES = RACINE / "variables"


def modules_de_variables() -> set[str]:
    """Les noms sous lesquels un fichier de variables pourrait être importé (avec ou sans le préfixe du paquet)."""
    noms = set()
    for fichier in VARIABLES.rglob("*.py"):
        parties = fichier.relative_to(RACINE).with_suffix("").parts
        if parties[-1] == "__init__":
            parties = parties[:-1]
        noms.add(".".join(parties))
        noms.add(".".join(("openfisca_caqes", *parties)))
    return noms


def imports_interdits(source: str, interdits: set[str]) -> list[str]:
    """Les imports de `source` qui visent un fichier de variables, ou relatifs (donc vers un voisin de variables/)."""
    trouves = []
    for noeud in ast.walk(ast.parse(source)):
        if isinstance(noeud, ast.ImportFrom):
            if noeud.level:
                trouves.append(f"ligne {noeud.lineno} : import relatif")
                continue
            candidats = [noeud.module or ""] + [f"{noeud.module}.{alias.name}" for alias in noeud.names]
        elif isinstance(noeud, ast.Import):
            candidats = [alias.name for alias in noeud.names]
        else:
            continue
        for nom in candidats:
            if nom in interdits or nom.split(".")[0] == "variables" or nom.startswith("openfisca_caqes.variables"):
                trouves.append(f"ligne {noeud.lineno} : {nom}")
                break
    return trouves


def test_aucun_fichier_de_variables_n_importe_un_autre():
    interdits = modules_de_variables()
    fautes = {
        str(fichier.relative_to(RACINE)): trouves
        for fichier in sorted(VARIABLES.rglob("*.py"))
        if (trouves := imports_interdits(fichier.read_text(encoding="utf-8"), interdits))
    }
    assert not fautes, fautes


def test_le_detecteur_voit_un_import_croise():
    interdits = modules_de_variables()
    assert imports_interdits("from openfisca_caqes.variables.caqes.interessement_regional import au_moins\n", interdits)
    assert imports_interdits("import variables.ifep.penalite\n", interdits)
    assert imports_interdits("from .perimetre import x\n", interdits)
    assert not imports_interdits("from openfisca_caqes.formules import au_moins\nimport numpy as np\n", interdits)


def test_le_paquet_ne_s_etend_pas_a_la_racine_du_depot():
    """Le `__path__` du paquet est son seul dossier : `openfisca_caqes.variables` n'existe pas dans un dépôt."""
    assert [Path(p).resolve() for p in openfisca_caqes.__path__] == [Path(openfisca_caqes.__file__).resolve().parent]


def test_les_reformes_s_importent_par_leur_nom_depuis_le_depot():
    import importlib

    module = importlib.import_module("openfisca_caqes.reforms.ifep_central")
    assert Path(module.__file__).resolve() == (openfisca_caqes.DOSSIER_REFORMES / "ifep_central.py").resolve()
    assert hasattr(module, "ifep_central")
