"""Les volets additionnels transports et pertinence du premier CAQES : un objectif principal
quantifiable, exprimé en taux d'évolution de la dépense du champ du volet ; atteint, il
déclenche un intéressement (une part des économies constatées, plafonnée) ; manqué, une
sanction (une part des produits du dernier exercice clos, plafonnée par volet), aux taux fixés
par le contrat.

Les deux volets suivent les mêmes règles : chaque variable appelle les fonctions communes avec
le nom de son volet.
"""

import numpy
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.montants import arrondi_euro, plafond_en_euros

LEGIFRANCE = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034459834"
REFERENCE = [
    "ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « L'évaluation du CAQES » : pour les volets additionnels, un objectif "
    "principal quantifiable (obligation de résultat) déclenche un intéressement ou une sanction (volets transport "
    "et pertinence) ; des objectifs complémentaires en modulent le montant",
    LEGIFRANCE,
]


def _contrat_en_vigueur(etablissement, period, volet):
    """Le volet est signé et l'établissement est sous contrat (aucun refus dans la période)."""
    signe = etablissement(f"volet_additionnel_{volet}_signe", period)
    return signe & etablissement("sous_contrat", period)


def _depense_attendue(etablissement, period, volet):
    """Dépense maximale de l'année selon l'objectif : dépense de N-1 × (1 + taux d'évolution cible)."""
    precedente = etablissement(f"depense_volet_additionnel_{volet}", period.last_year)
    cible = etablissement(f"taux_evolution_cible_volet_additionnel_{volet}", period)
    return precedente * (1 + cible)


def _objectif_atteint(etablissement, period, volet):
    depense = etablissement(f"depense_volet_additionnel_{volet}", period)
    return depense <= _depense_attendue(etablissement, period, volet)


def _economie(etablissement, period, parameters, volet):
    regles = parameters(period).caqes.contrat_2018.volets_additionnels
    depense = etablissement(f"depense_volet_additionnel_{volet}", period)
    precedente = etablissement(f"depense_volet_additionnel_{volet}", period.last_year)
    reference = numpy.where(
        bool(regles.economies_par_rapport_a_objectif), _depense_attendue(etablissement, period, volet), precedente
    )
    return reference - depense


def _interessement(etablissement, period, parameters, volet):
    plafond = parameters(period).caqes.contrat_2018.volets_additionnels.plafond_interessement
    taux = numpy.minimum(etablissement(f"taux_interessement_volet_additionnel_{volet}", period), plafond)
    economie = numpy.maximum(etablissement(f"economie_volet_additionnel_{volet}", period), 0)
    modulation = numpy.clip(etablissement(f"coefficient_modulation_volet_additionnel_{volet}", period), 0, 1)
    eligible = _contrat_en_vigueur(etablissement, period, volet) & etablissement(
        f"objectif_atteint_volet_additionnel_{volet}", period
    )
    return eligible * arrondi_euro(taux * economie * modulation)


def _penalite(etablissement, period, parameters, volet):
    plafond = parameters(period).caqes.contrat_2018.penalites.plafond_par_volet
    taux = numpy.minimum(etablissement(f"taux_penalite_volet_additionnel_{volet}", period), plafond)
    modulation = numpy.clip(etablissement(f"coefficient_modulation_volet_additionnel_{volet}", period), 0, 1)
    decalage = int(parameters(period).caqes.contrat_2018.penalites.decalage_exercice_clos)
    produits = etablissement("produits_assurance_maladie", period.offset(-decalage, DateUnit.YEAR))
    manque = _contrat_en_vigueur(etablissement, period, volet) & ~etablissement(
        f"objectif_atteint_volet_additionnel_{volet}", period
    )
    # Au plafond par volet, l'arrondi à l'euro ne le dépasse jamais : ⌊plafond × produits⌋ exactement.
    return manque * numpy.minimum(arrondi_euro(taux * produits * modulation), plafond_en_euros(plafond, produits))


# --- Données du contrat, volet par volet ---


class volet_additionnel_transports_signe(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Un volet additionnel transports est en vigueur pour l'année"
    reference = ["ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Présentation générale du CAQES » : volets additionnels (transports)"]


class volet_additionnel_pertinence_signe(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Un volet additionnel pertinence (actions prioritaires du PAPRAPS) est en vigueur pour l'année"
    reference = ["ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Présentation générale du CAQES » : volets additionnels (pertinence)"]


class depense_volet_additionnel_transports(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépenses de transports prescrits par l'établissement remboursées par l'assurance maladie (ambulance, VSL, taxi)"
    reference = REFERENCE
    documentation = (
        "Champ de l'objectif principal du volet transports : transports en ambulance et transports assis "
        "professionnalisés, les données de l'indicateur national transport (depense_transport_ambulance_assis)."
    )

    def formula(etablissement, period):
        """Le champ du volet transports : dépenses remboursées de transports prescrits en ambulance et en transport assis (VSL, taxi)."""
        return etablissement("depense_transport_ambulance_assis", period)


class depense_volet_additionnel_pertinence(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépenses d'assurance maladie du champ du volet pertinence (actes, prestations ou prescriptions visés)"
    reference = REFERENCE
    documentation = "Champ de l'objectif principal fixé par le contrat dans les actions prioritaires du PAPRAPS."


class taux_evolution_cible_volet_additionnel_transports(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Objectif principal du volet transports : taux d'évolution maximal de la dépense sur un an"
    reference = REFERENCE
    documentation = "Taux signé, une baisse s'écrit en négatif ; 0 par défaut : stabilité de la dépense."


class taux_evolution_cible_volet_additionnel_pertinence(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Objectif principal du volet pertinence : taux d'évolution maximal de la dépense sur un an"
    reference = REFERENCE
    documentation = "Taux signé, une baisse s'écrit en négatif ; 0 par défaut : stabilité de la dépense."


class taux_interessement_volet_additionnel_transports(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part des économies versée en intéressement par le volet transports (fixée par le contrat)"
    reference = REFERENCE
    documentation = "Ramenée au plafond caqes.contrat_2018.volets_additionnels.plafond_interessement."


class taux_interessement_volet_additionnel_pertinence(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part des économies versée en intéressement par le volet pertinence (fixée par le contrat)"
    reference = REFERENCE
    documentation = "Ramenée au plafond caqes.contrat_2018.volets_additionnels.plafond_interessement."


class taux_penalite_volet_additionnel_transports(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Sanction du volet transports si l'objectif est manqué, en part des produits du dernier exercice clos (contrat)"
    reference = REFERENCE
    documentation = "Ramenée au plafond par volet caqes.contrat_2018.penalites.plafond_par_volet."


class taux_penalite_volet_additionnel_pertinence(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Sanction du volet pertinence si l'objectif est manqué, en part des produits du dernier exercice clos (contrat)"
    reference = REFERENCE
    documentation = "Ramenée au plafond par volet caqes.contrat_2018.penalites.plafond_par_volet."


class coefficient_modulation_volet_additionnel_transports(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement ou de la sanction du volet transports retenue au vu des objectifs complémentaires"
    reference = REFERENCE
    documentation = (
        "Les obligations complémentaires pondèrent le niveau de sanction ou d'intéressement "
        "(LEGIARTI000034459834, I) ; 1 par défaut."
    )


class coefficient_modulation_volet_additionnel_pertinence(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement ou de la sanction du volet pertinence retenue au vu des objectifs complémentaires"
    reference = REFERENCE
    documentation = (
        "Les obligations complémentaires pondèrent le niveau de sanction ou d'intéressement "
        "(LEGIARTI000034459834, I) ; 1 par défaut."
    )


# --- Objectif, économies, intéressement et sanction, volet par volet ---


class objectif_atteint_volet_additionnel_transports(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Objectif principal du volet transports atteint : dépense de l'année dans la limite de l'évolution cible"
    reference = REFERENCE

    def formula_2018_01_01(etablissement, period):
        """Objectif atteint si la dépense du volet transports ne dépasse pas la dépense attendue (évolution cible du contrat)."""
        return _objectif_atteint(etablissement, period, "transports")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class objectif_atteint_volet_additionnel_pertinence(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Objectif principal du volet pertinence atteint : dépense de l'année dans la limite de l'évolution cible"
    reference = REFERENCE

    def formula_2018_01_01(etablissement, period):
        """Objectif atteint si la dépense du volet pertinence ne dépasse pas la dépense attendue (évolution cible du contrat)."""
        return _objectif_atteint(etablissement, period, "pertinence")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class economie_volet_additionnel_transports(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Économies constatées sur le champ du volet transports (euros, négatives si la dépense croît)"
    reference = REFERENCE
    documentation = "Dépense de N-1 moins dépense de N (ou selon l'objectif : economies_par_rapport_a_objectif)."

    def formula_2018_01_01(etablissement, period, parameters):
        """Économies du volet transports : dépense attendue (ou de l'année précédente, selon le paramètre) moins dépense de l'année."""
        return _economie(etablissement, period, parameters, "transports")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class economie_volet_additionnel_pertinence(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Économies constatées sur le champ du volet pertinence (euros, négatives si la dépense croît)"
    reference = REFERENCE
    documentation = "Dépense de N-1 moins dépense de N (ou selon l'objectif : economies_par_rapport_a_objectif)."

    def formula_2018_01_01(etablissement, period, parameters):
        """Économies du volet pertinence : dépense attendue (ou de l'année précédente, selon le paramètre) moins dépense de l'année."""
        return _economie(etablissement, period, parameters, "pertinence")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class interessement_volet_additionnel_transports(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement du volet transports (euros)"
    reference = REFERENCE
    documentation = "Objectif atteint : taux du contrat (plafonné) × économies positives × modulation ; arrondi à l'euro."

    def formula_2018_01_01(etablissement, period, parameters):
        """Contrat en vigueur et objectif atteint : taux d'intéressement du contrat (dans le plafond) × économies positives du volet transports × modulation, à l'euro."""
        return _interessement(etablissement, period, parameters, "transports")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class interessement_volet_additionnel_pertinence(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement du volet pertinence (euros)"
    reference = REFERENCE
    documentation = "Objectif atteint : taux du contrat (plafonné) × économies positives × modulation ; arrondi à l'euro."

    def formula_2018_01_01(etablissement, period, parameters):
        """Contrat en vigueur et objectif atteint : taux d'intéressement du contrat (dans le plafond) × économies positives du volet pertinence × modulation, à l'euro."""
        return _interessement(etablissement, period, parameters, "pertinence")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class interessement_volets_additionnels(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement des volets additionnels transports et pertinence (euros)"
    reference = REFERENCE
    documentation = (
        "Le volet obligatoire ne donne pas lieu à intéressement "
        "(ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « L'évaluation du CAQES »)."
    )

    def formula_2018_01_01(etablissement, period):
        """Somme des intéressements des volets additionnels transports et pertinence."""
        transports = etablissement("interessement_volet_additionnel_transports", period)
        return transports + etablissement("interessement_volet_additionnel_pertinence", period)

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class penalite_volet_additionnel_transports(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Sanction du volet transports pour objectif manqué (euros)"
    reference = REFERENCE
    documentation = "Taux du contrat, ramené au plafond par volet, × produits du dernier exercice clos au prononcé (année évaluée N, decalage_exercice_clos) × modulation."

    def formula_2018_01_01(etablissement, period, parameters):
        """Objectif du volet transports manqué : taux de sanction du contrat (dans le plafond par volet) × produits du dernier exercice clos × modulation, à l'euro."""
        return _penalite(etablissement, period, parameters, "transports")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class penalite_volet_additionnel_pertinence(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Sanction du volet pertinence pour objectif manqué (euros)"
    reference = REFERENCE
    documentation = "Taux du contrat, ramené au plafond par volet, × produits du dernier exercice clos au prononcé (année évaluée N, decalage_exercice_clos) × modulation."

    def formula_2018_01_01(etablissement, period, parameters):
        """Objectif du volet pertinence manqué : taux de sanction du contrat (dans le plafond par volet) × produits du dernier exercice clos × modulation, à l'euro."""
        return _penalite(etablissement, period, parameters, "pertinence")

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()
