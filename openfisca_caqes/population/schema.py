"""Le schéma d'un fichier de population, déduit des variables d'entrée du système.

Une ligne par établissement. Colonnes d'identité : `etablissement`, `entite_juridique`,
`region`. Les variables d'entrée de l'établissement sont des colonnes, ainsi que les
`ciblage_*`, calculés, qu'une décision de l'ARS peut imposer. Une donnée de la région
(`enveloppe_regionale_AAAA`) est répétée, identique, sur chaque ligne de la région. Une variable définie pour l'éternité est une colonne `nom` ; une variable annuelle est
une colonne par année, `nom_AAAA` (ex. `depense_transport_ambulance_2023`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from openfisca_core.periods import DateUnit

COLONNES_IDENTITE = ("etablissement", "entite_juridique", "region")
MOTIF_ANNUEL = re.compile(r"^(?P<variable>[a-z0-9_]+?)_(?P<annee>(19|20)\d{2})$")

# A computed variable a file may still set: an ARS decision that overrides the targeting rule.
PREFIXE_SURCHARGE = "ciblage_"

# Plafonds de vraisemblance : au-delà, une saisie est une erreur (trois zéros de trop), pas un
# montant. 100 milliards d'euros dépassent le financement du plus grand groupe hospitalier
# (l'AP-HP : environ 8 milliards) d'un ordre de grandeur ; un milliard d'actes, de séjours ou de
# patients dépasse l'activité nationale annuelle ; un million de lits, le parc national (~380 000).
PLAFOND_MONTANT = 1e11
PLAFOND_EFFECTIF = 1e9
PLAFOND_LITS = 1e6

# Décisions facultatives de l'ARS ou de l'établissement : une colonne absente veut dire « aucune
# décision », dont l'effet est la valeur par défaut de la variable (écrite dans docs/population.md).
# Une question qui les lit ne les exige donc pas ; toute autre donnée lue doit être dans le fichier.
DECISIONS_FACULTATIVES = (
    "coefficient_revision_interessement_national",  # 1 : le DG ARS ne révise pas l'intéressement
    "ifep_penalite_ecartee",  # faux : le DG ARS n'écarte pas la pénalité
    "sanction_refus_liste_en_sus",  # faux : le refus est sanctionné de 1 % des produits
    "sanction_non_atteinte_ecartee",  # faux : le DG ARS n'écarte pas la sanction de non-atteinte
)
PREFIXES_FACULTATIFS = ("montant_potentiel_",)  # 0 : l'intéressement potentiel suit la répartition par défaut


def associer(colonnes: dict, nom) -> tuple[str, int | None] | None:
    """(variable, année) d'une colonne de fichier : `variable` permanente ou `variable_AAAA` annuelle ; None si inconnue.

    `colonnes` : le schéma (`schema(systeme)`).
    """
    texte = str(nom)
    if texte in colonnes and not colonnes[texte].annuelle:
        return texte, None
    motif = MOTIF_ANNUEL.match(texte)
    if motif and motif["variable"] in colonnes and colonnes[motif["variable"]].annuelle:
        return motif["variable"], int(motif["annee"])
    return None


def est_facultative(variable: str) -> bool:
    """Vrai pour une décision dont l'absence a un sens (« aucune décision ») : voir DECISIONS_FACULTATIVES."""
    return variable in DECISIONS_FACULTATIVES or variable.startswith(PREFIXES_FACULTATIFS)


BORNES_PAR_UNITE = {
    "currency-EUR": (0.0, PLAFOND_MONTANT),
    "/1": (0.0, 1.0),
    "nombre": (0.0, PLAFOND_EFFECTIF),
    "lits": (0.0, PLAFOND_LITS),
    "jours": (0.0, PLAFOND_EFFECTIF),
}


@dataclass(frozen=True)
class Colonne:
    """Une variable d'entrée telle qu'un fichier de population la porte."""

    variable: str
    label: str
    type: str
    unite: str | None
    minimum: float | None
    maximum: float | None
    annuelle: bool
    valeurs_possibles: tuple[str, ...] | None
    documentation: str
    surcharge: bool = False
    entite: str = "etablissement"
    defaut: float = 0.0
    facultative: bool = False


@lru_cache(maxsize=8)
def _schema(systeme) -> dict[str, Colonne]:
    colonnes = {}
    for nom, variable in sorted(systeme.variables.items()):
        if variable.entity.key == "entite_juridique" or nom == "code_region":
            continue  # code_region est rempli à partir de la colonne d'identité `region`
        surcharge = bool(variable.formulas)
        if variable.entity.key == "region" and surcharge:
            continue
        if surcharge and not nom.startswith(PREFIXE_SURCHARGE):
            continue
        minimum, maximum = BORNES_PAR_UNITE.get(variable.unit, (None, None))
        possibles = (
            tuple(variable.possible_values._member_names_)
            if getattr(variable, "possible_values", None) is not None
            else None
        )
        colonnes[nom] = Colonne(
            variable=nom,
            label=variable.label or nom,
            type=variable.value_type.__name__,
            unite=variable.unit,
            minimum=minimum,
            maximum=maximum,
            annuelle=variable.definition_period == DateUnit.YEAR,
            valeurs_possibles=possibles,
            surcharge=surcharge,
            entite=variable.entity.key,
            defaut=_defaut(variable),
            facultative=est_facultative(nom),
            documentation=" ".join(
                part for part in (_reference(variable), variable.documentation or "") if part
            ),
        )
    return colonnes


def _defaut(variable) -> float:
    valeur = variable.default_value
    return float(valeur) if isinstance(valeur, (bool, int, float)) else 0.0


def _reference(variable) -> str:
    ref = variable.reference
    if not ref:
        return ""
    return "; ".join(ref) if isinstance(ref, (list, tuple)) else str(ref)


def schema(systeme) -> dict[str, Colonne]:
    """Les colonnes admises (hors identité), par variable."""
    return _schema(systeme)
