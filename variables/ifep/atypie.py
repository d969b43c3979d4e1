"""Les établissements atypiques (art. L.162-23-14-1 CSS) : écart significatif, objectif, pénalité.

Chaque année N, le DG ARS compare les données de l'année N-1 de chaque établissement aux moyennes
régionales et nationales des établissements de même catégorie (« activité comparable ») : en
nombre (actes par unité d'activité) et en taux d'évolution du nombre d'actes. Un écart significatif
fait fixer un objectif annuel sur une période commençant en N ; au terme de la période, les actes
excédant les objectifs sont pénalisés (sous le plafond commun de l'IFEP, voir penalite.py).
Les modalités (seuils, période, objectif, barème) sont des hypothèses : parameters/ifep/atypie/.
"""

import numpy as np
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.montants import arrondi_euro

REFERENCE_ATYPIE = [
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 8 - Les évolutions du dispositif » : établissements dont les pratiques s'écartent le plus de la moyenne",
    "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053271405", "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053284620",
]


class ifep_atypie_actes(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Nombre d'actes, prestations ou prescriptions suivis (liste de l'arrêté) de l'établissement dans l'année"
    reference = REFERENCE_ATYPIE
    documentation = "Données de l'Assurance maladie ou du PMSI de l'année ; les années N-1 et N-2 fondent le constat de l'année N."


class ifep_atypie_activite(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Activité de référence (séjours ou patients) à laquelle sont rapportés les actes suivis"
    reference = ["https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053283471", "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053284385"]


class ifep_atypie_montant_moyen(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Montant moyen remboursé par l'assurance maladie par acte suivi dans l'année (euros)"
    reference = ["https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783"]


def _taux(actes, activite):
    return np.divide(actes, activite, out=np.zeros(len(actes)), where=activite > 0)


def _donnees(etablissement, annee):
    """Les données d'une année, en float64 : actes, activité, actes de l'année précédente."""
    actes = np.asarray(etablissement("ifep_atypie_actes", annee), dtype=np.float64)
    activite = np.asarray(etablissement("ifep_atypie_activite", annee), dtype=np.float64)
    precedents = np.asarray(etablissement("ifep_atypie_actes", annee.last_year), dtype=np.float64)
    evolution = np.divide(actes, precedents, out=np.ones(len(actes)), where=precedents > 0) - 1
    return actes, activite, precedents, evolution


def _groupes(etablissement, annee):
    """Groupes de comparaison : même catégorie dans la région, même catégorie dans toute la population."""
    categorie = etablissement("categorie_etablissement", annee)
    nombre_categories = len(categorie.possible_values)
    indice = np.asarray(categorie.view(np.ndarray), dtype=np.int64)
    regions = etablissement.simulation.populations["region"]
    regional = np.asarray(regions.members_entity_id, dtype=np.int64) * nombre_categories + indice
    return (regional, regions.count * nombre_categories), (indice, nombre_categories)


def _moyennes(groupe, nombre, actes, activite, precedents):
    """Taux moyen (Σ actes / Σ activité) et évolution moyenne (Σ actes / Σ actes N-1 − 1) de chaque groupe."""
    mesure = activite > 0
    somme_actes = np.bincount(groupe, weights=actes * mesure, minlength=nombre)
    somme_activite = np.bincount(groupe, weights=activite * mesure, minlength=nombre)
    taux = np.divide(somme_actes, somme_activite, out=np.zeros(nombre), where=somme_activite > 0)
    suivi = precedents > 0
    somme_suivis = np.bincount(groupe, weights=actes * suivi, minlength=nombre)
    somme_precedents = np.bincount(groupe, weights=precedents * suivi, minlength=nombre)
    evolution = np.divide(somme_suivis, somme_precedents, out=np.ones(nombre), where=somme_precedents > 0) - 1
    return taux[groupe], evolution[groupe]


def _ecart_significatif(etablissement, annee, regles):
    """Écart significatif constaté sur les données de `annee`, selon les règles `regles` (ifep.atypie)."""
    actes, activite, precedents, evolution = _donnees(etablissement, annee)
    taux = _taux(actes, activite)
    regional, national = _groupes(etablissement, annee)
    taux_regional, evolution_regionale = _moyennes(*regional, actes, activite, precedents)
    taux_national, evolution_nationale = _moyennes(*national, actes, activite, precedents)
    niveau = 1 + regles.seuil_ecart_niveau
    croissance = regles.seuil_ecart_evolution
    suivi = precedents > 0
    ecart_regional = (taux > niveau * taux_regional) | (suivi & (evolution > evolution_regionale + croissance))
    ecart_national = (taux > niveau * taux_national) | (suivi & (evolution > evolution_nationale + croissance))
    regional_retenu = (regles.comparaison_regionale > 0) & ecart_regional
    national_retenu = (regles.comparaison_nationale > 0) & ecart_national
    mesurable = (activite > 0) & (actes >= regles.volume_minimal)
    return mesurable & (regional_retenu | national_retenu)


def en_vigueur(parameters, annee, mecanisme: str) -> bool:
    """Le mécanisme `mecanisme` de ifep.calendrier est-il en vigueur l'année `annee` (drapeau daté à 1) ?"""
    calendrier = parameters(annee.start).ifep.calendrier
    return mecanisme in calendrier and calendrier[mecanisme] > 0


def _etat(etablissement, annee, parameters):
    """L'état du dispositif l'année `annee` : ciblé, rang dans la période, taux de référence, objectif, dépassements.

    Récurrence sur les années (jamais sur les établissements) : l'état de N se déduit de celui de
    N-1. Elle s'arrête à la première année où aucun objectif ne peut être fixé
    (ifep.calendrier.objectifs_atypie : 2026 dans les textes consolidés).
    Une décision de l'ARS donnée en entrée (`ciblage_ifep_atypie` de l'année) prime sur le constat.
    La durée d'une période est celle des règles de sa première année (`duree`), fixée avec l'objectif.
    """
    nombre = etablissement.count
    if not en_vigueur(parameters, annee, "objectifs_atypie"):
        zeros = np.zeros(nombre)
        return {"cible": zeros > 0, "rang": zeros.astype(np.int64), "taux_reference": zeros,
                "objectif": zeros, "depassement": zeros, "cumul": zeros, "duree": zeros.astype(np.int64)}
    regles = parameters(annee).ifep.atypie
    avant = _etat(etablissement, annee.last_year, parameters)
    en_cours = (avant["rang"] >= 1) & (avant["rang"] < avant["duree"])
    decision = etablissement.simulation.get_array("ciblage_ifep_atypie", annee)
    constat = en_cours | _ecart_significatif(etablissement, annee.last_year, regles)
    cible = constat if decision is None else np.asarray(decision, dtype=bool)
    rang = np.where(cible, np.where(en_cours, avant["rang"] + 1, 1), 0)
    actes, activite, precedents, _ = _donnees(etablissement, annee)
    activite_constat = np.asarray(etablissement("ifep_atypie_activite", annee.last_year), dtype=np.float64)
    taux_constat = _taux(precedents, activite_constat)
    taux_reference = np.where(rang == 1, taux_constat, np.where(rang > 1, avant["taux_reference"], 0))
    objectif = np.where(cible, taux_reference * np.power(1 - regles.reduction_annuelle, rang) * activite, 0)
    depassement = np.where(cible, np.maximum(actes - objectif, 0), 0)
    compte = regles.exces_avant_penalites > 0 or en_vigueur(parameters, annee, "penalites")
    cumul = depassement * compte + np.where(rang > 1, avant["cumul"], 0)
    duree = np.where(rang == 1, int(regles.duree_periode), np.where(rang > 1, avant["duree"], 0))
    return {"cible": cible, "rang": rang, "taux_reference": taux_reference,
            "objectif": objectif, "depassement": depassement, "cumul": cumul, "duree": duree}


class ifep_atypie_taux(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Actes suivis par unité d'activité de l'année"
    reference = REFERENCE_ATYPIE

    def formula(etablissement, period):
        """Actes suivis rapportés à l'activité de l'année (0 sans activité)."""
        actes, activite, _, _ = _donnees(etablissement, period)
        return _taux(actes, activite)


class ifep_atypie_taux_moyen_regional(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Actes suivis par unité d'activité, moyenne des établissements de même catégorie de la région"
    reference = REFERENCE_ATYPIE
    documentation = "Moyenne pondérée par l'activité : Σ actes / Σ activité du groupe (région, catégorie)."

    def formula(etablissement, period):
        """Σ actes / Σ activité des établissements de même catégorie de la région."""
        actes, activite, precedents, _ = _donnees(etablissement, period)
        regional, _ = _groupes(etablissement, period)
        return _moyennes(*regional, actes, activite, precedents)[0]


class ifep_atypie_taux_moyen_national(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Actes suivis par unité d'activité, moyenne des établissements de même catégorie de la population"
    reference = REFERENCE_ATYPIE
    documentation = "Nationale si la population simulée l'est ; sur une seule région, égale la moyenne régionale."

    def formula(etablissement, period):
        """Σ actes / Σ activité des établissements de même catégorie de toute la population."""
        actes, activite, precedents, _ = _donnees(etablissement, period)
        _, national = _groupes(etablissement, period)
        return _moyennes(*national, actes, activite, precedents)[0]


class ifep_atypie_evolution(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux d'évolution du nombre d'actes suivis par rapport à l'année précédente"
    reference = REFERENCE_ATYPIE

    def formula(etablissement, period):
        """Actes de l'année rapportés à ceux de l'année précédente, moins 1 (0 sans actes l'année précédente)."""
        _, _, _, evolution = _donnees(etablissement, period)
        return evolution


class ifep_atypie_evolution_moyenne_regionale(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux d'évolution du nombre d'actes suivis des établissements de même catégorie de la région"
    reference = REFERENCE_ATYPIE

    def formula(etablissement, period):
        """Σ actes / Σ actes de l'année précédente − 1, établissements de même catégorie de la région."""
        actes, activite, precedents, _ = _donnees(etablissement, period)
        regional, _ = _groupes(etablissement, period)
        return _moyennes(*regional, actes, activite, precedents)[1]


class ifep_atypie_evolution_moyenne_nationale(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux d'évolution du nombre d'actes suivis des établissements de même catégorie de la population"
    reference = REFERENCE_ATYPIE

    def formula(etablissement, period):
        """Σ actes / Σ actes de l'année précédente − 1, établissements de même catégorie de la population."""
        actes, activite, precedents, _ = _donnees(etablissement, period)
        _, national = _groupes(etablissement, period)
        return _moyennes(*national, actes, activite, precedents)[1]


class ifep_atypie_ecart_significatif(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Écart significatif aux moyennes régionales ou nationales constaté sur les données de l'année"
    reference = REFERENCE_ATYPIE
    documentation = (
        "Hypothèses (parameters/ifep/atypie) : taux strictement supérieur à la moyenne × (1 + "
        "seuil_ecart_niveau), ou évolution strictement supérieure à l'évolution moyenne + "
        "seuil_ecart_evolution, à l'échelle régionale ou nationale ; au moins volume_minimal actes. "
        "Le constat sur les données de l'année N fonde l'objectif de l'année N+1 (ciblage_ifep_atypie) : "
        "le drapeau est rapporté pour l'année des données, selon les règles de N+1, si un objectif peut "
        "être fixé en N+1 (ifep.calendrier.objectifs_atypie : données 2025 pour les objectifs 2026)."
    )

    def formula(etablissement, period, parameters):
        """Écart significatif sur les données de l'année, si elles peuvent fonder un objectif l'année suivante."""
        suivante = period.offset(1)
        if not en_vigueur(parameters, suivante, "objectifs_atypie"):
            return np.zeros(etablissement.count, dtype=bool)
        return _ecart_significatif(etablissement, period, parameters(suivante).ifep.atypie)


class ciblage_ifep_atypie(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Un objectif d'actes (dispositif des établissements atypiques) est fixé à l'établissement pour l'année"
    reference = REFERENCE_ATYPIE
    documentation = (
        "Vrai si une période d'objectif est en cours, ou si un écart significatif a été constaté sur "
        "les données de l'année précédente. Décision du DG ARS (après avis de la CPAM et de la CRSA) : "
        "une population peut l'imposer (colonne ciblage_ifep_atypie_AAAA)."
    )

    def formula(etablissement, period, parameters):
        """Objectif en cours, ou écart constaté sur les données de l'année précédente (décision de l'ARS en entrée prioritaire)."""
        return _etat(etablissement, period, parameters)["cible"]


class ifep_atypie_rang_periode(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Rang de l'année dans la période d'objectif (0 : pas d'objectif)"
    reference = REFERENCE_ATYPIE

    def formula(etablissement, period, parameters):
        """Rang de l'année dans la période d'objectif en cours."""
        return _etat(etablissement, period, parameters)["rang"]


class ifep_atypie_taux_reference(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Taux d'actes par unité d'activité de l'année de constat, base de l'objectif de la période"
    reference = REFERENCE_ATYPIE

    def formula(etablissement, period, parameters):
        """Taux d'actes de l'année de constat, fixé pour toute la période."""
        return _etat(etablissement, period, parameters)["taux_reference"]


class ifep_atypie_objectif(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Objectif : nombre d'actes suivis à ne pas dépasser dans l'année"
    reference = REFERENCE_ATYPIE
    documentation = (
        "Hypothèse (ifep.atypie.reduction_annuelle) : taux de référence × (1 − réduction)^rang × "
        "activité de l'année ; un objectif d'évolution, neutre sur la croissance de l'activité."
    )

    def formula(etablissement, period, parameters):
        """Taux de référence réduit chaque année de la période, appliqué à l'activité de l'année."""
        return _etat(etablissement, period, parameters)["objectif"]


class ifep_atypie_depassement(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Actes suivis excédant l'objectif de l'année"
    reference = REFERENCE_ATYPIE

    def formula(etablissement, period, parameters):
        """Actes de l'année au-delà de l'objectif de l'année."""
        return _etat(etablissement, period, parameters)["depassement"]


class ifep_atypie_depassement_cumule(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Actes excédant les objectifs, cumulés depuis le début de la période (années où la pénalité est en vigueur)"
    documentation = (
        "Interprétation (ifep.atypie.exces_avant_penalites) : l'excès d'une année où la pénalité "
        "n'est pas encore en vigueur (2026) ne compte pas ; autre lecture, tout l'excès de la période."
    )
    reference = REFERENCE_ATYPIE

    def formula(etablissement, period, parameters):
        """Dépassements cumulés depuis le début de la période."""
        return _etat(etablissement, period, parameters)["cumul"]


class ifep_atypie_penalite_brute(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Pénalité du dispositif des établissements atypiques au terme de la période, avant plafond (euros)"
    reference = REFERENCE_ATYPIE + [
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048702783"
    ]
    documentation = (
        "Hypothèse (ifep.atypie.taux_abattement) : au terme de la période (rang ≥ durée), "
        "taux_abattement × montant moyen remboursé par acte de l'année × actes excédant les objectifs "
        "cumulés sur la période ; nulle si le terme tombe avant l'entrée en vigueur des pénalités "
        "(ifep.calendrier.penalites : 2027). Interprétation : le dispositif vise « un établissement » sans "
        "restriction de champ ; il s'applique à toute catégorie. Le plafond commun de 2 % s'applique "
        "dans ifep_penalite."
    )

    def formula(etablissement, period, parameters):
        """Abattement sur les actes en excès cumulés, au terme de la période, si les pénalités sont en vigueur cette année-là."""
        if not en_vigueur(parameters, period, "penalites"):
            return np.zeros(etablissement.count, dtype=np.int64)
        etat = _etat(etablissement, period, parameters)
        regles = parameters(period).ifep.atypie
        terme = etat["cible"] & (etat["rang"] >= etat["duree"])
        montant_moyen = np.asarray(etablissement("ifep_atypie_montant_moyen", period), dtype=np.float64)
        montant = regles.taux_abattement * montant_moyen * etat["cumul"]
        return np.where(terme, arrondi_euro(montant), 0)
