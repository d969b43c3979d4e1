"""L'enregistrement de l'exécution : de quoi refaire le calcul (noms de fichiers relatifs et leur
sha256, empreintes de la loi, des réformes et du moteur, version, `git describe`), en JSON canonique."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from openfisca_caqes import DOSSIER_PARAMETRES, DOSSIER_VARIABLES, RACINE_LOI, __version__

PAQUET = Path(__file__).resolve().parents[1]  # openfisca_caqes/
OPTIONS_CHEMINS = ("population", "dossier_sortie", "balayage")


def empreinte_fichier(chemin: Path) -> str:
    """sha256 du contenu d'un fichier."""
    condensat = hashlib.sha256()
    with open(chemin, "rb") as flux:
        for bloc in iter(lambda: flux.read(1 << 20), b""):
            condensat.update(bloc)
    return condensat.hexdigest()


def _empreinte_arbre(racine: Path, fichiers: list[Path]) -> str:
    """sha256 d'une liste de fichiers : chemin relatif à `racine` puis contenu, dans l'ordre des chemins."""
    condensat = hashlib.sha256()
    for chemin in sorted(fichiers, key=lambda c: c.relative_to(racine).as_posix()):
        condensat.update(chemin.relative_to(racine).as_posix().encode() + b"\0")
        condensat.update(chemin.read_bytes())
    return condensat.hexdigest()


def empreinte_loi() -> str:
    """sha256 de la loi : paramètres (YAML) et variables (Python), dans un ordre fixe."""
    fichiers = [c for dossier in (DOSSIER_PARAMETRES, DOSSIER_VARIABLES) for c in Path(dossier).rglob("*") if c.suffix in (".yaml", ".py")]
    return _empreinte_arbre(Path(RACINE_LOI), fichiers)


def empreinte_reformes() -> str:
    """sha256 des réformes : le code `reforms/*.py` et les scénarios YAML livrés."""
    dossier = Path(RACINE_LOI) / "reforms"
    fichiers = [c for c in dossier.rglob("*") if c.suffix in (".py", ".yaml") and "__pycache__" not in c.parts]
    return _empreinte_arbre(Path(RACINE_LOI), fichiers)


def empreinte_moteur() -> str:
    """sha256 du code du moteur (`openfisca_caqes/**/*.py` et gabarits), hors loi embarquée."""
    embarques = {"parameters", "variables", "reforms"}
    fichiers = [
        c for c in PAQUET.rglob("*")
        if c.is_file() and c.suffix in (".py", ".j2") and "__pycache__" not in c.parts and not embarques & set(c.relative_to(PAQUET).parts[:1])
    ]
    return _empreinte_arbre(PAQUET, fichiers)


def git_describe() -> str | None:
    """`git describe --always --dirty --tags` du dépôt du code, ou None (pas de git, paquet installé)."""
    try:
        sortie = subprocess.run(
            ["git", "-C", str(PAQUET), "describe", "--always", "--dirty", "--tags"],
            capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return (sortie.stdout.strip() or None) if sortie.returncode == 0 else None


def nom_relatif(chemin) -> str:
    """Un nom de fichier sans chemin absolu : relatif au dépôt de la loi s'il y est, sinon au dossier courant."""
    absolu = Path(str(chemin)).absolute()
    for racine in (Path(RACINE_LOI).absolute(), Path.cwd()):
        try:
            return absolu.relative_to(racine).as_posix()
        except ValueError:
            continue
    return Path(os.path.relpath(absolu, Path.cwd())).as_posix()


def fichier_scenario(nom_ou_chemin: str) -> Path | None:
    """Le fichier YAML d'un scénario (nom livré ou chemin), s'il existe."""
    chemin = Path(nom_ou_chemin)
    if chemin.is_file():
        return chemin.resolve()
    candidat = RACINE_LOI / "reforms" / "scenarios" / f"{nom_ou_chemin}.yaml"
    return candidat.resolve() if candidat.is_file() else None


def _version(paquet: str) -> str:
    try:
        return metadata.version(paquet)
    except metadata.PackageNotFoundError:
        return "absent"


def options_commande(arguments) -> dict:
    """Les options de la ligne de commande, telles qu'analysées ; les chemins en noms relatifs."""
    options = {}
    for cle, valeur in sorted(vars(arguments).items()):
        if callable(valeur) or not isinstance(valeur, (str, int, float, bool, list, type(None))):
            continue
        if cle in OPTIONS_CHEMINS and isinstance(valeur, str) and valeur != "default":
            valeur = nom_relatif(valeur)
        options[cle] = valeur
    return options


def fichier_entree(chemin) -> dict:
    """Un fichier lu : nom relatif et sha256 (None s'il n'existe pas comme fichier)."""
    source = Path(str(chemin))
    return {"fichier": nom_relatif(source), "sha256": empreinte_fichier(source) if source.is_file() else None}


def enregistrement(options: dict, population: str, etablissements: int, colonnes=(), reference: str | None = None, **autres) -> dict:
    """Ce qu'il faut pour refaire le calcul : versions, entrées et leurs empreintes, options."""
    scenarios = []
    for colonne in colonnes:
        if colonne.scenario:
            fichier = fichier_scenario(colonne.scenario)
            scenarios.append({"nom": colonne.libelle, "source": colonne.scenario,
                              **(fichier_entree(fichier) if fichier else {"fichier": None, "sha256": None})})
    population_lue = fichier_entree(population)
    return {
        "outil": "openfisca-caqes",
        "version": __version__,
        "git_describe": git_describe(),
        "date_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "options": options,
        "population": {"source": population_lue["fichier"], "sha256": population_lue["sha256"], "etablissements": int(etablissements)},
        "loi": {"sha256": empreinte_loi()},
        "reformes": {"sha256": empreinte_reformes()},
        "moteur": {"sha256": empreinte_moteur()},
        "scenarios": scenarios,
        "regimes": [
            {"libelle": c.libelle, "loi": c.scenario or "référence", "annee_evaluee": c.annee, "annee_donnees": c.annee_donnees, "decalage": c.decalage}
            for c in colonnes
        ],
        "reference": reference,
        **autres,
        "environnement": {
            "python": platform.python_version(),
            "openfisca-core": _version("openfisca-core"),
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "plateforme": platform.platform(),
        },
    }


def json_canonique(record: dict) -> str:
    """Le JSON canonique de l'enregistrement : clés triées, sans espace, UTF-8, une ligne finale."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False, default=_scalaire) + "\n"


def _scalaire(valeur):
    """Un scalaire numpy en type Python (JSON)."""
    if hasattr(valeur, "item"):
        return valeur.item()
    raise TypeError(f"{type(valeur).__name__} : pas de forme JSON")


def feuille_enregistrement(record: dict) -> pd.DataFrame:
    """L'enregistrement à plat (clé, valeur), pour une feuille Excel."""
    lignes = []

    def aplatir(prefixe: str, valeur) -> None:
        if isinstance(valeur, dict):
            for cle, sous in valeur.items():
                aplatir(f"{prefixe}.{cle}" if prefixe else str(cle), sous)
        elif isinstance(valeur, list) and valeur and isinstance(valeur[0], dict):
            for rang, sous in enumerate(valeur, start=1):
                aplatir(f"{prefixe}[{rang}]", sous)
        else:
            lignes.append((prefixe, " ".join(map(str, valeur)) if isinstance(valeur, list) else str(valeur)))

    aplatir("", record)
    return pd.DataFrame(lignes, columns=["Clé", "Valeur"])
