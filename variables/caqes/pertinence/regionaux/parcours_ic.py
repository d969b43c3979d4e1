"""Parcours de soins insuffisance cardiaque (indicateur régional du volet pertinence).

Réutilise les données de l'indicateur national IC (nombre_sejours_ic, nombre_rehospitalisations_ic) ;
le suivi après la sortie (généraliste, cardiologue) est propre à l'indicateur régional.
"""

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
    "ARS Occitanie 2024, avenant de prorogation, « Indicateur Régional Parcours - Insuffisance Cardiaque (depuis 2024) » (Ciblage ES, Cibles)",
    "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 6. Indicateurs Pertinence : IC »",
]


class nombre_patients_ic_generaliste(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Patients hospitalisés pour IC (premier épisode) vus par un médecin généraliste dans les quatorze jours suivant la sortie"
    reference = REFERENCE
    documentation = "Donnée Assurance maladie ; rapportée à nombre_sejours_ic (indicateur national)."


class nombre_patients_ic_cardiologue(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Patients hospitalisés pour IC (premier épisode) vus par un cardiologue dans les deux mois suivant la sortie"
    reference = REFERENCE


class plan_actions_parcours_ic(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Plan d'actions d'amélioration du parcours post-hospitalisation IC mis en place (déposé sur e-CARS)"
    reference = REFERENCE


class montant_potentiel_parcours_ic(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement potentiel de l'indicateur parcours IC fixé par l'ARS (euros ; 0 : répartition par défaut)"
    reference = REFERENCE_POTENTIEL


class taux_suivi_ic_generaliste(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de patients IC vus par un généraliste dans les quatorze jours suivant la sortie"
    reference = REFERENCE

    def formula(etablissement, period):
        """Patients IC vus par un généraliste dans les quatorze jours / séjours IC ; 0 sans séjour."""
        return rapport(etablissement("nombre_patients_ic_generaliste", period), etablissement("nombre_sejours_ic", period))


class taux_suivi_ic_cardiologue(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de patients IC vus par un cardiologue dans les deux mois suivant la sortie"
    reference = REFERENCE

    def formula(etablissement, period):
        """Patients IC vus par un cardiologue dans les deux mois / séjours IC ; 0 sans séjour."""
        return rapport(etablissement("nombre_patients_ic_cardiologue", period), etablissement("nombre_sejours_ic", period))



class taux_rehospitalisation_ic_regional(Variable):
    value_type = float
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de réhospitalisation IC à trois mois de la région (moyenne régionale pondérée par les patients)"
    reference = REFERENCE

    def formula(region, period):
        """Réhospitalisations IC / séjours IC, sommés sur les établissements de la région."""
        return taux_regional(region, period, "nombre_rehospitalisations_ic", "nombre_sejours_ic")


class taux_suivi_ic_generaliste_regional(Variable):
    value_type = float
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux régional de patients IC vus par un généraliste dans les quatorze jours (moyenne pondérée)"
    reference = REFERENCE

    def formula(region, period):
        """Patients IC vus par un généraliste / séjours IC, sommés sur les établissements de la région."""
        return taux_regional(region, period, "nombre_patients_ic_generaliste", "nombre_sejours_ic")


class taux_suivi_ic_cardiologue_regional(Variable):
    value_type = float
    entity = Region
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux régional de patients IC vus par un cardiologue dans les deux mois (moyenne pondérée)"
    reference = REFERENCE

    def formula(region, period):
        """Patients IC vus par un cardiologue / séjours IC, sommés sur les établissements de la région."""
        return taux_regional(region, period, "nombre_patients_ic_cardiologue", "nombre_sejours_ic")


class parcours_ic_profil_cible(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Profil du ciblage parcours IC : réhospitalisation au-dessus, suivi généraliste et cardiologue au-dessous des moyennes régionales"
    reference = REFERENCE
    documentation = "Moyennes régionales : taux de la région (somme des patients concernés / somme des patients)."

    def formula(etablissement, period):
        """Vrai si la réhospitalisation IC dépasse la moyenne régionale et le suivi par un généraliste et par un cardiologue lui est inférieur."""
        def ecart(variable):
            return ecart_a_la_region(etablissement, period, variable)

        rehospitalisation = plus_que(ecart("taux_rehospitalisation_ic"), 0)
        return rehospitalisation & plus_que(-ecart("taux_suivi_ic_generaliste"), 0) & plus_que(-ecart("taux_suivi_ic_cardiologue"), 0)


class ciblage_parcours_ic(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Ciblé sur le parcours IC (ciblé sur l'indicateur national IC et profil régional de l'année de référence)"
    reference = REFERENCE

    def formula_2024_01_01(etablissement, period, parameters):
        """Ciblé si l'indicateur s'applique dans la région, l'établissement est ciblé sur l'indicateur national IC et son profil de l'année de référence est celui de la cible."""
        regle = regles_regionales(etablissement, period, parameters, "parcours_ic")
        profil = valeur_a_annees(etablissement, "parcours_ic_profil_cible", regle("annee_reference_ciblage")) > 0
        return (regle("applicable") > 0) & etablissement("ciblage_insuffisance_cardiaque", period) & profil

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class taux_atteinte_parcours_ic(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part de l'intéressement parcours IC gagnée (plan d'actions ET hausse du suivi généraliste OU cardiologue : tout ou rien)"
    reference = REFERENCE

    def formula_2024_01_01(etablissement, period, parameters):
        """1 si le plan d'actions est réalisé et le suivi par un généraliste ou par un cardiologue progresse autant qu'exigé, 0 sinon : l'intéressement est tout ou rien."""
        regle = regles_regionales(etablissement, period, parameters, "parcours_ic")

        def hausse(variable, progression):
            return au_moins(etablissement(variable, period) - etablissement(variable, period.last_year), regle(progression))

        suivi = hausse("taux_suivi_ic_generaliste", "progression_generaliste") | hausse("taux_suivi_ic_cardiologue", "progression_cardiologue")
        return (etablissement("plan_actions_parcours_ic", period) & suivi) * 1

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class interessement_regional_parcours_ic(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement régional gagné sur le parcours IC (euros)"
    reference = REFERENCE

    def formula_2024_01_01(etablissement, period, parameters):
        """Potentiel de l'indicateur (saisi, sinon poids × valeur du point régional) × part gagnée, pour un établissement ciblé sous contrat, à l'euro et jamais au-delà d'un potentiel saisi."""
        return interessement_indicateur(etablissement, period, parameters, "parcours_ic")

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
