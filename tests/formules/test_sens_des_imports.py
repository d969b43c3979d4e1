"""Le sens des imports (issue #12) : `erreurs` → `population` → `evaluation` → `comparaison` → `rapport/` → `commandes/`.

Trois règles, lues dans le source de chaque module par `ast` (imports dans les fonctions compris,
ainsi que `importlib.import_module("…")` d'un nom écrit en toutes lettres) :

- hors de `openfisca_caqes/commandes/` et de `cli.py`, aucun module (moteur, `variables/`, `reforms/`)
  n'importe `openfisca_caqes.cli` ni `openfisca_caqes.commandes` ;
- `erreurs.py` n'importe rien du paquet : tous les autres l'importent ;
- aucune commande n'importe une autre commande ; les options partagées vivent dans
  `openfisca_caqes/commandes/communs.py`, qui n'est pas une commande.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
PAQUET = RACINE / "openfisca_caqes"
COMMANDES = PAQUET / "commandes"
NON_COMMANDES = {"__init__", "communs"}  # modules de commandes/ que cli ne déclare pas


def nom_de_module(fichier: Path) -> str:
    """Le nom pointé d'un fichier du paquet (`openfisca_caqes/commandes/compare.py` → `openfisca_caqes.commandes.compare`)."""
    parties = fichier.relative_to(RACINE).with_suffix("").parts
    return ".".join(parties[:-1] if parties[-1] == "__init__" else parties)


def modules_importes(source: str, module: str, paquet: bool) -> list[tuple[int, str]]:
    """(ligne, nom absolu) de chaque import de `source`, où qu'il soit ; `from X import Y` donne X et X.Y."""
    paquet_courant = module if paquet else module.rpartition(".")[0]
    trouves = []
    for noeud in ast.walk(ast.parse(source)):
        if isinstance(noeud, ast.Import):
            trouves += [(noeud.lineno, alias.name) for alias in noeud.names]
        elif isinstance(noeud, ast.ImportFrom):
            base = noeud.module or ""
            if noeud.level:  # relatif : résolu depuis le paquet du module
                parents = paquet_courant.split(".")
                parents = parents[: len(parents) - (noeud.level - 1)]
                base = ".".join([*parents, base] if base else parents)
            trouves.append((noeud.lineno, base))
            trouves += [(noeud.lineno, f"{base}.{alias.name}") for alias in noeud.names if alias.name != "*"]
        elif isinstance(noeud, ast.Call) and _nom_appel(noeud.func) == "import_module" and noeud.args:
            premier = noeud.args[0]
            if isinstance(premier, ast.Constant) and isinstance(premier.value, str):
                trouves.append((noeud.lineno, premier.value))
            elif isinstance(premier, ast.JoinedStr) and premier.values and isinstance(premier.values[0], ast.Constant):
                trouves.append((noeud.lineno, str(premier.values[0].value).rstrip(".")))  # f"openfisca_caqes.commandes.{nom}"
    return trouves


def _nom_appel(fonction) -> str | None:
    if isinstance(fonction, ast.Attribute):
        return fonction.attr
    if isinstance(fonction, ast.Name):
        return fonction.id
    return None


def _vise(nom: str, cible: str) -> bool:
    return nom == cible or nom.startswith(cible + ".")


def fautes_du_module(source: str, module: str, paquet: bool = False) -> list[str]:
    """Les imports de `module` qui vont contre le sens du pipeline (liste vide si aucun)."""
    fautes = []
    est_commande = module.startswith("openfisca_caqes.commandes.")
    cote_commandes = est_commande or module in ("openfisca_caqes.cli", "openfisca_caqes.commandes")
    for ligne, nom in modules_importes(source, module, paquet):
        if module == "openfisca_caqes.erreurs" and _vise(nom, "openfisca_caqes"):
            fautes.append(f"ligne {ligne} : erreurs importe {nom} (il n'importe rien du paquet)")
        elif not cote_commandes and (_vise(nom, "openfisca_caqes.cli") or _vise(nom, "openfisca_caqes.commandes")):
            fautes.append(f"ligne {ligne} : {nom} (seuls cli et commandes/ importent les commandes)")
        elif est_commande and _vise(nom, "openfisca_caqes.cli"):
            fautes.append(f"ligne {ligne} : une commande importe cli ({nom})")
        elif est_commande and module.rsplit(".", 1)[1] not in NON_COMMANDES and nom.startswith("openfisca_caqes.commandes."):
            autre = nom.split(".")[2]
            if autre not in NON_COMMANDES and autre != module.rsplit(".", 1)[1]:
                fautes.append(f"ligne {ligne} : la commande importe la commande {autre} ({nom})")
    return fautes


def fichiers_verifies() -> list[Path]:
    """Tous les modules du paquet, plus `variables/` et `reforms/` (chargés par chemin, mais sous les commandes)."""
    fichiers = sorted(PAQUET.rglob("*.py"))
    for dossier in ("variables", "reforms"):
        if (RACINE / dossier).is_dir():
            fichiers += sorted((RACINE / dossier).rglob("*.py"))
    return fichiers


def test_les_imports_vont_dans_le_sens_du_pipeline():
    fautes = {}
    for fichier in fichiers_verifies():
        module = nom_de_module(fichier)
        if not module.startswith("openfisca_caqes"):
            module = "openfisca_caqes." + module  # variables/, reforms/ : sous le moteur, jamais du côté des commandes
        trouvees = fautes_du_module(fichier.read_text(encoding="utf-8"), module, fichier.name == "__init__.py")
        if trouvees:
            fautes[str(fichier.relative_to(RACINE))] = trouvees
    assert not fautes, fautes


def test_chaque_commande_est_verifiee():
    """Les commandes que déclare cli sont bien des fichiers de commandes/ (le test ne tourne pas à vide)."""
    commandes = {f.stem for f in COMMANDES.glob("*.py")} - NON_COMMANDES
    assert {"compare", "envelope", "report", "simulate", "population", "explain"} <= commandes


@pytest.mark.parametrize(
    ("module", "source", "paquet"),
    [
        ("openfisca_caqes.evaluation", "def f():\n    from openfisca_caqes.commandes.compare import calculer\n", False),
        ("openfisca_caqes.rapport.page", "from openfisca_caqes import cli\n", False),
        ("openfisca_caqes.rapport.page", "from ..commandes import envelope\n", False),
        ("openfisca_caqes.population", "from ..cli import main\n", True),
        ("openfisca_caqes.sorties", "import importlib\nimportlib.import_module('openfisca_caqes.commandes.simulate')\n", False),
        ("openfisca_caqes.erreurs", "def f():\n    import openfisca_caqes.ecran\n", False),
        ("openfisca_caqes.erreurs", "from openfisca_caqes import montants\n", False),
        ("openfisca_caqes.commandes.report", "from openfisca_caqes.commandes.compare import calculer\n", False),
        ("openfisca_caqes.commandes.report", "def f():\n    from openfisca_caqes.commandes import envelope\n", False),
        ("openfisca_caqes.commandes.population", "from . import simulate\n", False),
        ("openfisca_caqes.commandes.simulate", "from openfisca_caqes.cli import main\n", False),
        ("openfisca_caqes.regle", "from openfisca_caqes.commandes.communs import ajouter_options_comparaison\n", False),
    ],
)
def test_une_violation_injectee_est_vue(module, source, paquet):
    assert fautes_du_module(source, module, paquet)


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("openfisca_caqes.commandes.report", "from openfisca_caqes.commandes.communs import ajouter_options_comparaison\n"),
        ("openfisca_caqes.commandes.compare", "from openfisca_caqes.preparation_comparaison import calculer\n"),
        ("openfisca_caqes.cli", "import importlib\nimportlib.import_module(f'openfisca_caqes.commandes.{nom}')\n"),
        ("openfisca_caqes.erreurs", "import sys\nfrom dataclasses import dataclass\n"),
        ("openfisca_caqes.evaluation", "from openfisca_caqes.erreurs import ErreurUtilisateur\n"),
    ],
)
def test_un_import_permis_passe(module, source):
    assert fautes_du_module(source, module) == []


def imports_tardifs_non_justifies(source: str) -> list[str]:
    """Les imports faits dans une fonction sans commentaire `# import tardif : raison` (sur la ligne ou juste au-dessus)."""
    lignes = source.split("\n")
    fautes = []
    for fonction in ast.walk(ast.parse(source)):
        if not isinstance(fonction, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for noeud in ast.walk(fonction):
            if isinstance(noeud, ast.Import | ast.ImportFrom):
                autour = " ".join(lignes[max(noeud.lineno - 2, 0):noeud.end_lineno])
                if "# import tardif :" not in autour:
                    fautes.append(f"ligne {noeud.lineno} : {ast.unparse(noeud)}")
    return fautes


def test_imports_en_tete_sauf_import_tardif_justifie():
    fautes = {
        str(fichier.relative_to(RACINE)): trouvees
        for fichier in sorted(PAQUET.rglob("*.py"))
        if (trouvees := imports_tardifs_non_justifies(fichier.read_text(encoding="utf-8")))
    }
    assert not fautes, fautes


def test_un_import_tardif_non_justifie_est_vu():
    assert imports_tardifs_non_justifies("def f():\n    import os\n")
    assert imports_tardifs_non_justifies("def f():\n    from openfisca_caqes import ecran\n")
    assert not imports_tardifs_non_justifies("def f():\n    import dask  # import tardif : coûteux\n")
