"""Lire la règle de la région de chaque établissement : paramètres rangés par code de région, années de référence régionales.

Les paramètres d'un indicateur régional sont rangés par code de région sous son nœud
(`caqes.<volet>.regionaux.<indicateur>.<region>.<paramètre>`) ; une région qui n'a pas le
fichier prend la valeur par défaut (l'indicateur ne s'y applique pas) : ajouter une région,
c'est ajouter ses fichiers.
"""

import functools

import numpy as np
from openfisca_core import periods

from openfisca_caqes.formules.comparaisons import rapport
from openfisca_caqes.formules.indicateurs import chemin_indicateur
from openfisca_caqes.regions import par_region


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


def ecart_a_la_region(etablissement, period, variable: str) -> np.ndarray:
    """La valeur de l'établissement moins celle de sa région (`<variable>_regional`)."""
    return etablissement(variable, period) - etablissement.region(f"{variable}_regional", period)


def taux_regional(region, period, numerateur: str, denominateur: str) -> np.ndarray:
    """Le taux de la région : somme des numérateurs de ses établissements / somme des dénominateurs."""
    return rapport(region.sum(region.members(numerateur, period)), region.sum(region.members(denominateur, period)))


def donnee_ciblage(etablissement, period, parameters, variable):
    """`variable` lue à l'année de référence du ciblage régional produits de santé de la région."""
    noeud = parameters(period).caqes.produits_sante.regionaux.perimetre
    annee = par_region(noeud, etablissement("code_region", period), "annee_reference_ciblage")
    return valeur_a_annees(etablissement, variable, annee)
