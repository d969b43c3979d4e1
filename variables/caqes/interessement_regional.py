"""L'intéressement régional du CAQES (contrat de deuxième génération et sa prorogation) : la somme des indicateurs régionaux.

Ce module porte aussi les outils communs aux règles régionales :
- les paramètres d'un indicateur sont rangés par code de région sous son nœud
  (`caqes.<volet>.regionaux.<indicateur>.<region>.<paramètre>`) ; une région qui n'a pas le
  fichier prend la valeur par défaut (l'indicateur ne s'y applique pas) : ajouter une région,
  c'est ajouter ses fichiers ;
- une donnée lue à l'année de référence que fixe la région de chaque établissement ;
- le potentiel d'intéressement d'un indicateur (saisi, ou réparti par défaut sur l'enveloppe
  régionale) et l'intéressement gagné = potentiel × part gagnée.
"""

import functools

import numpy as np
from openfisca_core import periods
from openfisca_core.periods import DateUnit
from openfisca_caqes.base import Variable

from openfisca_caqes.entities import Etablissement, Region
from openfisca_caqes.montants import arrondi_euro
from openfisca_caqes.regions import par_region

# Les indicateurs régionaux et leur volet (le chemin de leurs paramètres).
INDICATEURS_REGIONAUX = {
    "conciliation": "produits_sante",
    "analyse_pharmaceutique": "produits_sante",
    "entretiens_pharmaceutiques": "produits_sante",
    "aapp_mpi": "produits_sante",
    "suivi_liste_en_sus": "produits_sante",
    "aapp_perfadom": "produits_sante",
    "aapp_pansements": "produits_sante",
    "had": "pertinence",
    "parcours_avc": "pertinence",
    "parcours_ic": "pertinence",
    "parcours_bpco": "pertinence",
    "transport_vehicule_personnel": "organisation_soins",
    "transport_composite": "organisation_soins",
    "chirurgie_ambulatoire": "organisation_soins",
}

# Source du potentiel d'intéressement des indicateurs régionaux (choix de l'ARS, non publié).
REFERENCE_POTENTIEL = "ARS Occitanie, webinaire de janvier 2026 sur l’évaluation 2025, « 2 types d'intéressement » ; https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044102658"

# Décimales gardées quand on compare des taux : les variables OpenFisca sont en float32 (7 chiffres) ;
# sans cet arrondi, 0,9 saisi (0,89999998) manquerait une cible de 0,9.
DECIMALES_COMPARAISON = 6


def chemin_indicateur(indicateur: str) -> str:
    return f"caqes.{INDICATEURS_REGIONAUX[indicateur]}.regionaux.{indicateur}"


def regles_regionales(etablissement, period, parameters, indicateur: str):
    """Rend `regle(cle, defaut=0)` : le paramètre de l'indicateur pour la région de chaque établissement."""
    noeud = functools.reduce(lambda n, cle: n[cle], chemin_indicateur(indicateur).split("."), parameters(period))
    region = etablissement("code_region", period)
    return lambda cle, defaut=0: par_region(noeud, region, cle, defaut)


def valeur_a_annees(etablissement, variable: str, annees) -> np.ndarray:
    """`variable` lue pour chaque établissement à l'année `annees` (une par établissement) ; 0 si l'année vaut 0."""
    annees = np.asarray(annees).astype(np.int64)
    distinctes = np.unique(annees[annees > 0])
    return functools.reduce(
        lambda valeurs, annee: np.where(annees == annee, etablissement(variable, periods.period(int(annee))), valeurs),
        distinctes,
        np.zeros(len(annees)),
    )


def au_moins(valeur, seuil) -> np.ndarray:
    """valeur ≥ seuil, à la précision des taux stockés (float32)."""
    return np.round(np.asarray(valeur, dtype=np.float64) - seuil, DECIMALES_COMPARAISON) >= 0


def plus_que(valeur, seuil) -> np.ndarray:
    """valeur > seuil (strictement), à la précision des taux stockés."""
    return np.round(np.asarray(valeur, dtype=np.float64) - seuil, DECIMALES_COMPARAISON) > 0


def difference(valeur, reference) -> np.ndarray:
    """valeur − reference (taux), arrondie à la précision des taux stockés : une hausse de cinq points vaut exactement cinq points."""
    return np.round(np.asarray(valeur, dtype=np.float64) - np.asarray(reference, dtype=np.float64), DECIMALES_COMPARAISON)


def rapport(numerateur, denominateur) -> np.ndarray:
    """numérateur / dénominateur, 0 quand le dénominateur est nul."""
    denominateur = np.asarray(denominateur, dtype=np.float64)
    return np.where(denominateur > 0, numerateur / np.where(denominateur > 0, denominateur, 1), 0)


def ecart_a_la_region(etablissement, period, variable: str) -> np.ndarray:
    """La valeur de l'établissement moins celle de sa région (`<variable>_regional`)."""
    return etablissement(variable, period) - etablissement.region(f"{variable}_regional", period)


def taux_regional(region, period, numerateur: str, denominateur: str) -> np.ndarray:
    """Le taux de la région : somme des numérateurs de ses établissements / somme des dénominateurs."""
    return rapport(region.sum(region.members(numerateur, period)), region.sum(region.members(denominateur, period)))


def part_atteinte(realise, cible, seuil_proportionnel) -> np.ndarray:
    """Part gagnée d'un objectif chiffré : 1 si la cible est atteinte ; réalisé / cible si ce rapport
    atteint le seuil de paiement proportionnel ; 0 sinon, et 0 sans cible (cible nulle)."""
    ratio = rapport(realise, cible)
    atteinte = au_moins(realise, cible) & (np.asarray(cible) > 0)
    return np.where(atteinte, 1, np.where(au_moins(ratio, seuil_proportionnel), np.minimum(ratio, 1), 0))


def interessement_indicateur(etablissement, period, parameters, indicateur: str, part=None) -> np.ndarray:
    """Intéressement gagné (euros entiers) : ciblage × potentiel × part gagnée.

    Le potentiel est `montant_potentiel_<indicateur>` s'il est saisi (> 0), sinon le poids de
    l'indicateur × la valeur du point régional (répartition par défaut de l'enveloppe)."""
    regle = regles_regionales(etablissement, period, parameters, indicateur)
    saisi = etablissement(f"montant_potentiel_{indicateur}", period)
    par_defaut = regle("poids_repartition") * etablissement.region("valeur_point_interessement_regional", period)
    potentiel = np.where(saisi > 0, saisi, par_defaut)
    if part is None:
        part = etablissement(f"taux_atteinte_{indicateur}", period)
    cible_sous_contrat = etablissement(f"ciblage_{indicateur}", period) * etablissement("sous_contrat", period)
    gagne = arrondi_euro(cible_sous_contrat * potentiel * part)
    # Un potentiel saisi est un plafond fixé par l'ARS : l'arrondi à l'euro ne le dépasse jamais (bonus éventuel compris).
    plafond = np.where(saisi > 0, np.floor(saisi * np.maximum(part, 1)), np.inf)
    return np.minimum(gagne, plafond).astype(np.int64)


class points_interessement_regional(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Points de répartition par défaut de l'enveloppe : somme des poids des indicateurs régionaux ciblés"
    reference = REFERENCE_POTENTIEL

    def formula_2022_01_01(etablissement, period, parameters):
        def points(indicateur):
            poids = regles_regionales(etablissement, period, parameters, indicateur)("poids_repartition")
            return poids * etablissement(f"ciblage_{indicateur}", period)

        return etablissement("sous_contrat", period) * sum(map(points, INDICATEURS_REGIONAUX))

    def formula_2027_01_01(etablissement, period):
        return etablissement.empty_array()


class valeur_point_interessement_regional(Variable):
    value_type = float
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Valeur du point : enveloppe régionale / points des indicateurs régionaux ciblés de la région (euros)"
    reference = "ARS Occitanie, webinaire de janvier 2026 sur l’évaluation 2025, « 2 types d'intéressement » : enveloppe régionale fermée"
    documentation = (
        "Interprétation (potentiel par défaut). Les seeds ne publient pas le potentiel de chaque "
        "indicateur : à défaut de `montant_potentiel_<indicateur>` saisi, l'enveloppe est répartie entre "
        "les couples (établissement, indicateur ciblé) de la région au prorata du poids de l'indicateur "
        "(paramètre `poids_repartition` de chaque indicateur, 1 par défaut). Dans une région dont seuls "
        "certains indicateurs régionaux sont écrits (Ile-de-France : la chirurgie ambulatoire), toute l'enveloppe "
        "irait à ceux-ci : y saisir les montants potentiels."
    )

    def formula_2022_01_01(region, period):
        points = region.sum(region.members("points_interessement_regional", period))
        return rapport(region("enveloppe_regionale_interessements_regionaux", period), points)

    def formula_2027_01_01(region, period):
        return region.empty_array()


class interessement_regional(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné, avant application de l'enveloppe régionale (euros)"
    reference = [
        "Art. D.162-16 V 1° CSS (LEGIARTI000044102658) : en fonction du degré de réalisation des objectifs régionaux",
        "ARS Occitanie, présentation du nouveau CAQES (fin 2021), « Indicateurs régionaux » ; ARS Occitanie, webinaire de janvier 2026 sur l’évaluation 2025, « 2 types d'intéressement »",
    ]
    documentation = "Somme des intéressements des indicateurs régionaux ; nul hors des années du contrat. Le versé est interessement_regional_verse."

    def formula_2022_01_01(etablissement, period):
        return sum(map(lambda nom: etablissement(f"interessement_regional_{nom}", period).astype(np.int64), INDICATEURS_REGIONAUX))

    def formula_2027_01_01(etablissement, period):
        return etablissement.empty_array()


class nombre_indicateurs_regionaux_cibles(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Nombre d'indicateurs (ou sous-indicateurs) régionaux sur lesquels l'établissement est ciblé"

    def formula_2022_01_01(etablissement, period):
        return sum(map(lambda nom: etablissement(f"ciblage_{nom}", period).astype(np.int64), INDICATEURS_REGIONAUX))

    def formula_2027_01_01(etablissement, period):
        return etablissement.empty_array()
