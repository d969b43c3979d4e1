"""Parcours de soins BPCO (indicateur régional du volet pertinence)."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement, Region
from openfisca_caqes.formules import (
    REFERENCE_POTENTIEL,
    au_moins,
    ecart_a_la_region,
    interessement_indicateur,
    plus_que,
    rapport,
    regles_regionales,
    taux_regional,
    valeur_a_annees,
)

REFERENCE = [
    "ARS Occitanie 2024, avenant de prorogation, « Indicateur Régional Parcours - BPCO (depuis 2024) » (Ciblage ES, Cibles)",
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 6. Indicateurs Pertinence : BPCO »",
]


class nombre_sejours_bpco_trois_trimestres(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Séjours pour BPCO des trois premiers trimestres de l'année"
    reference = REFERENCE


class nombre_patients_bpco(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Patients hospitalisés pour BPCO dans l'année (dénominateur des taux du parcours)"
    reference = REFERENCE


class nombre_patients_bpco_rehospitalises(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Patients BPCO réhospitalisés dans les trois mois suivant la sortie"
    reference = REFERENCE


class nombre_patients_bpco_generaliste(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Patients BPCO vus par un médecin généraliste dans les quatorze jours suivant la sortie"
    reference = REFERENCE


class nombre_patients_bpco_pneumologue(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Patients BPCO vus par un pneumologue dans les trois mois suivant la sortie"
    reference = REFERENCE


class plan_actions_parcours_bpco(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Plan d'actions d'amélioration du parcours post-hospitalisation BPCO mis en place (déposé sur e-CARS)"
    reference = REFERENCE


class montant_potentiel_parcours_bpco(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement potentiel de l'indicateur parcours BPCO fixé par l'ARS (euros ; 0 : répartition par défaut)"
    reference = REFERENCE_POTENTIEL


def _taux(etablissement, period, numerateur):
    return rapport(etablissement(numerateur, period), etablissement("nombre_patients_bpco", period))



class taux_rehospitalisation_bpco(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de réhospitalisation à trois mois des patients BPCO"
    reference = REFERENCE

    def formula(etablissement, period):
        """Patients BPCO réhospitalisés dans les trois mois / patients BPCO ; 0 sans patient."""
        return _taux(etablissement, period, "nombre_patients_bpco_rehospitalises")


class taux_suivi_bpco_generaliste(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de patients BPCO vus par un généraliste dans les quatorze jours suivant la sortie"
    reference = REFERENCE

    def formula(etablissement, period):
        """Patients BPCO vus par un généraliste dans les quatorze jours / patients BPCO ; 0 sans patient."""
        return _taux(etablissement, period, "nombre_patients_bpco_generaliste")


class taux_suivi_bpco_pneumologue(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de patients BPCO vus par un pneumologue dans les trois mois suivant la sortie"
    reference = REFERENCE

    def formula(etablissement, period):
        """Patients BPCO vus par un pneumologue dans les trois mois / patients BPCO ; 0 sans patient."""
        return _taux(etablissement, period, "nombre_patients_bpco_pneumologue")


class taux_rehospitalisation_bpco_regional(Variable):
    value_type = float
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de réhospitalisation BPCO à trois mois de la région (moyenne régionale pondérée par les patients)"
    reference = REFERENCE

    def formula(region, period):
        """Patients BPCO réhospitalisés / patients BPCO, sommés sur les établissements de la région."""
        return taux_regional(region, period, "nombre_patients_bpco_rehospitalises", "nombre_patients_bpco")


class taux_suivi_bpco_generaliste_regional(Variable):
    value_type = float
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux régional de patients BPCO vus par un généraliste dans les quatorze jours (moyenne pondérée)"
    reference = REFERENCE

    def formula(region, period):
        """Patients BPCO vus par un généraliste / patients BPCO, sommés sur les établissements de la région."""
        return taux_regional(region, period, "nombre_patients_bpco_generaliste", "nombre_patients_bpco")


class parcours_bpco_profil_cible(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Profil du ciblage parcours BPCO : réhospitalisation au-dessus et suivi généraliste au-dessous des moyennes régionales"
    reference = REFERENCE
    documentation = "Moyennes régionales : taux de la région (somme des patients concernés / somme des patients)."

    def formula(etablissement, period):
        """Vrai si la réhospitalisation BPCO dépasse la moyenne régionale et le suivi par un généraliste lui est inférieur."""
        def ecart(variable):
            return ecart_a_la_region(etablissement, period, variable)

        return plus_que(ecart("taux_rehospitalisation_bpco"), 0) & plus_que(-ecart("taux_suivi_bpco_generaliste"), 0)


class ciblage_parcours_bpco(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur le parcours BPCO (séjours des trois premiers trimestres au-delà du seuil et profil, sur l'année de référence)"
    reference = REFERENCE

    def formula_2024_01_01(etablissement, period, parameters):
        """Ciblé si l'indicateur s'applique dans la région et que, l'année de référence, les séjours BPCO des trois premiers trimestres atteignent le seuil et le profil est celui de la cible."""
        regle = regles_regionales(etablissement, period, parameters, "parcours_bpco")
        annee = regle("annee_reference_ciblage")
        profil = valeur_a_annees(etablissement, "parcours_bpco_profil_cible", annee) > 0
        sejours = valeur_a_annees(etablissement, "nombre_sejours_bpco_trois_trimestres", annee)
        return (regle("applicable") > 0) & profil & plus_que(sejours, regle("seuil_sejours"))

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class taux_atteinte_parcours_bpco(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement parcours BPCO gagnée (plan d'actions ET hausse du suivi ET, si exigée, baisse de la réhospitalisation)"
    reference = REFERENCE

    def formula_2024_01_01(etablissement, period, parameters):
        """1 si le plan d'actions est réalisé, le suivi progresse autant qu'exigé et, si la région l'exige, la réhospitalisation baisse, 0 sinon : l'intéressement est tout ou rien."""
        regle = regles_regionales(etablissement, period, parameters, "parcours_bpco")

        def evolution(variable):
            return etablissement(variable, period) - etablissement(variable, period.last_year)

        suivi = au_moins(evolution("taux_suivi_bpco_generaliste"), regle("progression_generaliste")) | au_moins(
            evolution("taux_suivi_bpco_pneumologue"), regle("progression_pneumologue")
        )
        baisse = plus_que(-evolution("taux_rehospitalisation_bpco"), 0) | (regle("exige_baisse_rehospitalisation") == 0)
        return (etablissement("plan_actions_parcours_bpco", period) & suivi & baisse) * 1

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_regional_parcours_bpco(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné sur le parcours BPCO (euros)"
    reference = REFERENCE

    def formula_2024_01_01(etablissement, period, parameters):
        """Potentiel de l'indicateur (saisi, sinon poids × valeur du point régional) × part gagnée, pour un établissement ciblé sous contrat, à l'euro et jamais au-delà d'un potentiel saisi."""
        return interessement_indicateur(etablissement, period, parameters, "parcours_bpco")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
