"""Le score du volet obligatoire : la grille d'engagement, les indicateurs NC ou NM et la
répartition de leur poids, le score par partie, le score sur cent points et les points bonus.

La grille est dans parameters/caqes/contrat_2018/volet_obligatoire/grille/<partie>/<indicateur>.yaml ;
l'atteinte de chaque indicateur est l'entrée `atteinte_volet_obligatoire_<indicateur>`.
Les calculs portent sur des matrices (indicateurs × établissements) : la seule itération est
celle, courte, sur les indicateurs de la grille.
"""

import weakref

import numpy
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement

PREFIXE_ATTEINTE = "atteinte_volet_obligatoire_"
REFERENCE_GRILLE = [
    "ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Présentation de l'annexe 1 = Grille d'engagement » : scoring type, "
    "« Si NC ou NM, le poids des indicateurs est réparti de façon homogène sur les autres indicateurs »",
    "ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Répartition des indicateurs selon la catégorie d'ES »",
]


def _grille(parameters, period):
    return parameters(period).caqes.contrat_2018.volet_obligatoire.grille


def _indicateurs(grille, parties=None):
    """Les (code, paramètres) des indicateurs de la grille, ou de certaines parties, en ordre stable."""
    parties = sorted(grille) if parties is None else parties
    return [(code, grille[partie][code]) for partie in parties for code in sorted(grille[partie])]


def _points(indicateurs):
    """Points et drapeau bonus de chaque indicateur (colonnes)."""
    points = numpy.array([float(indicateur.points) for _, indicateur in indicateurs])
    bonus = numpy.array([bool(indicateur.bonus) for _, indicateur in indicateurs])
    return points[:, numpy.newaxis], bonus[:, numpy.newaxis]


def _exclus(etablissement, period, indicateurs):
    """Matrice (indicateurs × établissements) : vrai si l'indicateur est NC ou NM pour l'établissement.

    NC ou NM par catégorie (listes de catégories de chaque indicateur), ou NC par l'activité
    (variables booléennes nommées dans `non_concerne_si`).
    """
    categorie = etablissement("categorie_etablissement", period)
    noms = numpy.array(categorie.possible_values._member_names_)
    par_categorie = numpy.array(
        [numpy.isin(noms, list(p.non_concerne) + list(p.non_mesurable)) for _, p in indicateurs]
    )
    drapeaux = sorted({nom for _, p in indicateurs for nom in p.non_concerne_si})
    activite = {nom: etablissement(nom, period) for nom in drapeaux}
    aucun = numpy.zeros(etablissement.count, dtype=bool)
    par_activite = numpy.array([sum((activite[nom] for nom in p.non_concerne_si), aucun) > 0 for _, p in indicateurs])
    return par_categorie[:, numpy.asarray(categorie)] | par_activite


def _poids(etablissement, period, parameters, grille):
    """Poids effectif (points sur cent) de chaque indicateur de la grille pour chaque établissement, NC/NM redistribués."""
    total = float((grille.points * ~grille.bonus).sum())
    retenus = ~grille.exclus & ~grille.bonus
    nombre = etablissement("nombre_indicateurs_applicables_volet_obligatoire", period)
    redistribues = etablissement("points_redistribues_volet_obligatoire", period)
    part_egale = numpy.where(nombre > 0, redistribues / numpy.maximum(nombre, 1), 0)
    restants = total - redistribues
    coefficient = numpy.where(restants > 0, total / numpy.where(restants > 0, restants, 1), 0)
    proportionnelle = bool(parameters(period).caqes.contrat_2018.volet_obligatoire.repartition_proportionnelle)
    poids = grille.points * coefficient if proportionnelle else grille.points + part_egale
    return retenus * poids


def _atteintes(etablissement, period, indicateurs):
    """Matrice (indicateurs × établissements) des taux d'atteinte, ramenés dans [0, 1]."""
    valeurs = numpy.array([etablissement(PREFIXE_ATTEINTE + code, period) for code, _ in indicateurs])
    return numpy.clip(valeurs, 0, 1)


class _GrilleCalculee:
    """La grille d'une année pour une simulation, calculée une fois : points, bonus, NC/NM, atteintes et poids (indicateurs × établissements).

    Les scores par partie, le score total, les points bonus et les décomptes NC/NM en lisent des lignes :
    la matrice des exclusions n'est plus reconstruite pour chacun (mêmes valeurs, même ordre de sommation).
    """

    def __init__(self, etablissement, period, parameters):
        grille = _grille(parameters, period)
        indicateurs = _indicateurs(grille)
        self.parties = numpy.array([partie for partie in sorted(grille) for _ in sorted(grille[partie])])
        self.points, self.bonus = _points(indicateurs)
        self.exclus = _exclus(etablissement, period, indicateurs)
        self.atteintes = _atteintes(etablissement, period, indicateurs)
        self._poids = None

    def poids(self, etablissement, period, parameters):
        if self._poids is None:
            self._poids = _poids(etablissement, period, parameters, self)
        return self._poids


# Une grille calculée par simulation (clé faible : libérée avec la simulation ; un clone a la sienne) et par année.
_GRILLES = weakref.WeakKeyDictionary()


def _grille_calculee(etablissement, period, parameters) -> _GrilleCalculee:
    """La grille calculée de l'année pour la simulation de `etablissement`, construite au premier appel."""
    par_annee = _GRILLES.setdefault(etablissement.simulation, {})
    if period not in par_annee:
        par_annee[period] = _GrilleCalculee(etablissement, period, parameters)
    return par_annee[period]


def _score(etablissement, period, parameters, partie=None):
    """Somme des poids × atteintes des indicateurs notés sur cent (toute la grille, ou une partie)."""
    grille = _grille_calculee(etablissement, period, parameters)
    lignes = slice(None) if partie is None else grille.parties == partie
    return (grille.poids(etablissement, period, parameters)[lignes] * grille.atteintes[lignes]).sum(axis=0)


class nombre_indicateurs_applicables_volet_obligatoire(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Nombre d'indicateurs du volet obligatoire notés sur cent points pour l'établissement (hors bonus, NC et NM)"
    reference = REFERENCE_GRILLE
    documentation = "La ligne « TOTAL NOMBRE D'INDICATEURS » du tableau de répartition, plus les NC par l'activité."

    def formula_2018_01_01(etablissement, period, parameters):
        """Nombre d'indicateurs de la grille, hors bonus, qui ne sont ni non concernés (NC) ni non mesurables (NM) pour l'établissement."""
        grille = _grille_calculee(etablissement, period, parameters)
        return (~grille.exclus & ~grille.bonus).sum(axis=0)

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class points_redistribues_volet_obligatoire(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Points des indicateurs NC ou NM (hors bonus) répartis sur les autres indicateurs"
    reference = REFERENCE_GRILLE

    def formula_2018_01_01(etablissement, period, parameters):
        """Somme des points des indicateurs (hors bonus) NC ou NM de l'établissement, à répartir sur les autres indicateurs."""
        grille = _grille_calculee(etablissement, period, parameters)
        return ((grille.exclus & ~grille.bonus) * grille.points).sum(axis=0)

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class score_volet_obligatoire_partie_1(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Score de la partie 1 : prise en charge thérapeutique et circuit des produits (points)"
    reference = REFERENCE_GRILLE

    def formula_2018_01_01(etablissement, period, parameters):
        """Points des indicateurs atteints de la partie 1 de la grille, points des NC et NM redistribués (à parts égales, ou au prorata selon repartition_proportionnelle)."""
        return _score(etablissement, period, parameters, "partie_1")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class score_volet_obligatoire_partie_2(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Score de la partie 2 : pratiques pluridisciplinaires et en réseau (points)"
    reference = REFERENCE_GRILLE

    def formula_2018_01_01(etablissement, period, parameters):
        """Points des indicateurs atteints de la partie 2 de la grille, points des NC et NM redistribués (à parts égales, ou au prorata selon repartition_proportionnelle)."""
        return _score(etablissement, period, parameters, "partie_2")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class score_volet_obligatoire_partie_3(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Score de la partie 3 : génériques et biosimilaires (points)"
    reference = REFERENCE_GRILLE

    def formula_2018_01_01(etablissement, period, parameters):
        """Points des indicateurs atteints de la partie 3 de la grille, points des NC et NM redistribués (à parts égales, ou au prorata selon repartition_proportionnelle)."""
        return _score(etablissement, period, parameters, "partie_3")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class score_volet_obligatoire_partie_4(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Score de la partie 4 : prescriptions hospitalières exécutées en ville (points)"
    reference = REFERENCE_GRILLE

    def formula_2018_01_01(etablissement, period, parameters):
        """Points des indicateurs atteints de la partie 4 de la grille, points des NC et NM redistribués (à parts égales, ou au prorata selon repartition_proportionnelle)."""
        return _score(etablissement, period, parameters, "partie_4")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class score_volet_obligatoire_partie_5(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Score de la partie 5 : liste en sus (points)"
    reference = REFERENCE_GRILLE

    def formula_2018_01_01(etablissement, period, parameters):
        """Points des indicateurs atteints de la partie 5 de la grille, points des NC et NM redistribués (à parts égales, ou au prorata selon repartition_proportionnelle)."""
        return _score(etablissement, period, parameters, "partie_5")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class score_volet_obligatoire_partie_6(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Score de la partie 6 : plan d'actions interne (points)"
    reference = REFERENCE_GRILLE

    def formula_2018_01_01(etablissement, period, parameters):
        """Points des indicateurs atteints de la partie 6 de la grille, points des NC et NM redistribués (à parts égales, ou au prorata selon repartition_proportionnelle)."""
        return _score(etablissement, period, parameters, "partie_6")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class score_volet_obligatoire(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Score du volet obligatoire, sur cent points, hors bonus"
    reference = REFERENCE_GRILLE
    documentation = (
        "Somme des scores des six parties, calculée en une fois sur toute la grille. Le poids des "
        "indicateurs NC ou NM est réparti sur les autres indicateurs : chaque établissement est noté "
        "sur cent points."
    )

    def formula_2018_01_01(etablissement, period, parameters):
        """Points des indicateurs atteints de toute la grille (cent points hors bonus), les points des indicateurs NC ou NM redistribués sur les autres (à parts égales, ou au prorata selon repartition_proportionnelle)."""
        return _score(etablissement, period, parameters)

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class score_volet_obligatoire_bonus(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Points bonus du volet obligatoire (au plus 4 ; les bonus NC ne sont pas redistribués)"
    reference = REFERENCE_GRILLE
    documentation = "Dispensation nominative (partie 1) et suivi des dispositifs médicaux hors GHS (partie 5)."

    def formula_2018_01_01(etablissement, period, parameters):
        """Points des indicateurs bonus atteints, sans redistribution des bonus NC ou NM."""
        grille = _grille_calculee(etablissement, period, parameters)
        lignes = grille.bonus[:, 0]
        return (~grille.exclus[lignes] * grille.points[lignes] * grille.atteintes[lignes]).sum(axis=0)

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()
