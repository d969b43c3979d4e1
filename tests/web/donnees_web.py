"""Des situations de l'API web, petites et calculables à la main, et la lecture de la loi dans ses YAML.

Les valeurs attendues des tests se calculent ici à partir des fichiers de `parameters/`, jamais
à partir du code testé.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import yaml

RACINE = Path(__file__).resolve().parents[2]
PARAMETRES = RACINE / "parameters"
PLAFOND_MONTANT = 1e11  # plafond de vraisemblance d'un montant (docs/api_web.md, population/schema.py)

SITUATION = {
    "etablissements": {
        "chu_purpan": {
            "categorie_etablissement": {"ETERNITY": "mco_public"},
            "produits_assurance_maladie": {"2024": 12_345_678},
            "refus_signature": {"2025": True},
            "penalite_refus_signature": {"2025": None},
        },
        "clinique_pasteur": {
            "categorie_etablissement": {"ETERNITY": "mco_prive"},
            "statut_juridique": {"ETERNITY": "prive_lucratif"},
            "produits_assurance_maladie": {"2024": 4_000_050},
            "refus_signature": {"2025": False},
            "penalite_refus_signature": {"2025": None},
        },
    },
    "entites_juridiques": {"chu_toulouse": {"etablissements": ["chu_purpan"]}, "clinique_pasteur": {"etablissements": ["clinique_pasteur"]}},
    "regions": {"occitanie": {"etablissements": ["chu_purpan", "clinique_pasteur"]}},
}


def situation() -> dict:
    """Une copie de la situation de référence (deux établissements en Occitanie)."""
    return copy.deepcopy(SITUATION)


def corps(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def valeur_parametre(chemin: str, annee: int):
    """La valeur en vigueur au 1er janvier `annee` du paramètre `a/b/c` (fichier a/b/c.yaml)."""
    valeurs = yaml.safe_load((PARAMETRES / f"{chemin}.yaml").read_text(encoding="utf-8"))["values"]
    dates = sorted(str(date) for date in valeurs if str(date) <= f"{annee}-01-01")
    return valeurs[next(d for d in valeurs if str(d) == dates[-1])]["value"]


def grosse_situation(nombre: int, variable: str = "solde_financier", annee: str = "2025") -> dict:
    """`nombre` établissements répartis sur deux régions, chacun demandant `variable`."""
    etablissements = {
        f"e{i}": {
            "categorie_etablissement": {"ETERNITY": "mco_public" if i % 2 else "mco_prive"},
            "produits_assurance_maladie": {"2024": 1_000_000 + i * 37.5},
            variable: {annee: None},
        }
        for i in range(nombre)
    }
    ids = list(etablissements)
    return {
        "etablissements": etablissements,
        "regions": {"occitanie": {"etablissements": ids[: nombre // 2]}, "bretagne": {"etablissements": ids[nombre // 2:]}},
    }
