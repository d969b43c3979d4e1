"""Données d'essai des tests des commandes compare, envelope, explain et report.

`LoiEssai` : la loi de référence dont les composantes du solde (intéressements et pénalités de
chaque régime) et les variables de champ deviennent de simples données d'entrée. Les outils sont
ainsi testés sur des montants choisis à la main, indépendamment des formules des indicateurs
(testées ailleurs) ; la tuyauterie (solde_financier, enveloppe régionale, pénalité de refus de
signer) reste celle de la loi. Les tests de bout en bout utilisent la vraie loi et la population
embarquée.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from openfisca_core.periods import DateUnit
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable

from openfisca_caqes.entities import Etablissement
from openfisca_caqes.systeme import systeme_de_base

ANNEES = range(2016, 2028)
# (nom, type) : composantes du solde et du champ, données d'entrée dans la loi d'essai.
DONNEES_ESSAI = (
    ("interessement_volets_additionnels", int),
    ("penalite_non_atteinte", int),
    ("interessement_national", int),
    ("interessement_regional", int),
    ("ifep_dotation_complementaire", int),
    ("ifep_penalite", int),
    ("nombre_indicateurs_nationaux_cibles", int),
    ("nombre_indicateurs_regionaux_cibles", int),
    ("ifep_dans_champ", bool),
)


def _entree(nom: str, type_valeur: type) -> type:
    return type(
        nom,
        (Variable,),
        {
            "value_type": type_valeur,
            "entity": Etablissement,
            "definition_period": DateUnit.YEAR,
            "unit": "currency-EUR" if type_valeur is int and not nom.startswith("nombre") else None,
            "label": f"{nom} (donnée d'essai)",
        },
    )


class LoiEssai(Reform):
    name = "Loi d'essai des outils : composantes du solde et du champ données en entrée"

    def apply(self):
        for nom, type_valeur in DONNEES_ESSAI:
            self.replace_variable(_entree(nom, type_valeur))


_LOI: dict[str, object] = {}


def loi_essai():
    if "loi" not in _LOI:
        _LOI["loi"] = LoiEssai(systeme_de_base())
    return _LOI["loi"]


CATEGORIES = ("mco_public", "mco_prive", "had", "ssr_prive", "psy_public", "dialyse")


def population_essai(n: int = 12, graine: int = 7) -> pd.DataFrame:
    """n établissements sur deux régions, des produits AM qui croissent, quelques refus de signer,
    des intéressements et pénalités tirés au hasard pour chaque régime, une enveloppe par région."""
    rng = np.random.default_rng(graine)
    rang = np.arange(n)
    colonnes: dict[str, object] = {
        "etablissement": [f"E{i:03d}" for i in rang],
        "entite_juridique": [f"EJ{i // 2:03d}" for i in rang],
        "region": np.where(rang % 3 == 0, "ile_de_france", "occitanie"),
        "categorie_etablissement": np.array(CATEGORIES)[rang % len(CATEGORIES)],
        "statut_juridique": np.where(rang % 2 == 0, "public", "prive_lucratif"),
    }
    produits = np.round(rng.uniform(5e6, 8e7, n), 2)
    for annee in ANNEES:
        facteur = 1.025 ** (annee - 2016)
        caqes_2018 = 2018 <= annee <= 2021
        caqes_2022 = 2022 <= annee <= 2026
        ifep = annee >= 2027
        colonnes.update({
            f"produits_assurance_maladie_{annee}": np.round(produits * facteur, 2),
            f"financement_assurance_maladie_total_{annee}": np.round(produits * facteur * 1.1, 2),
            f"financements_totaux_{annee}": np.round(produits * facteur * 1.3, 2),  # toutes origines ≥ AM
            f"refus_signature_{annee}": (rang % 5 == 1).astype(int) * (annee <= 2026),
            f"interessement_volets_additionnels_{annee}": rng.integers(0, 20_000, n) * caqes_2018,
            f"penalite_non_atteinte_{annee}": rng.integers(0, 3, n) * 10_000 * caqes_2018,
            f"interessement_national_{annee}": rng.integers(0, 60_000, n) * caqes_2022,
            f"interessement_regional_{annee}": rng.integers(0, 40_000, n) * caqes_2022,
            f"nombre_indicateurs_nationaux_cibles_{annee}": rng.integers(0, 3, n) * caqes_2022,
            f"nombre_indicateurs_regionaux_cibles_{annee}": rng.integers(0, 2, n) * caqes_2022,
            f"ifep_dotation_complementaire_{annee}": rng.integers(0, 90_000, n) * ifep,
            f"ifep_penalite_{annee}": rng.integers(0, 2, n) * 50_000 * ifep,
            f"ifep_dans_champ_{annee}": (rng.random(n) < 0.8).astype(int) * ifep,
            f"enveloppe_regionale_{annee}": np.full(n, 150_000 * caqes_2022),
        })
    return pd.DataFrame(colonnes)
