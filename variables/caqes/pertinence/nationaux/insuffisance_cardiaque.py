"""Indicateur national : réhospitalisations pour insuffisance cardiaque (IC) dans les 3 mois."""

import numpy
from openfisca_core import periods
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import baisse_annuelle, part_des_economies

SOURCE = "ARS Occitanie 2021, présentation du nouveau CAQES, « ↘ Indicateur national : Insuffisance cardiaque »"
SOURCE_PROROGATION = (
    "ARS Occitanie 2024, avenant de prorogation, « Le volet pertinence — Indicateur National Insuffisance Cardiaque » : "
    "part des économies générées « Si baisse nb rehospit. »"
)
SOURCE_MODIFICATION = "ARS Île-de-France et Assurance Maladie, webinaire du 2 octobre 2024, « Ce qui change à compter du 1er janvier » : mise à jour des modalités de calcul pour l'indicateur IC"


class nombre_sejours_ic(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Patients de quarante ans et plus hospitalisés pour un premier épisode de décompensation cardiaque (premiers séjours)"
    reference = [SOURCE, SOURCE_PROROGATION]
    documentation = "PMSI/SNDS. Les patients décédés après la première hospitalisation ne sont pas comptés (ciblage final)."


class nombre_rehospitalisations_ic(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Patients réhospitalisés pour un second épisode de décompensation cardiaque dans les 3 mois"
    reference = [SOURCE, SOURCE_PROROGATION]
    documentation = "Une réhospitalisation par patient (le second épisode) : le nombre de réhospitalisations est celui des patients réhospitalisés."


class depense_rehospitalisations_ic(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Coût des réhospitalisations pour insuffisance cardiaque dans les 3 mois"
    reference = [SOURCE, SOURCE_PROROGATION]


class taux_rehospitalisation_ic(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de réhospitalisation à 3 mois pour IC après un premier séjour (patients de quarante ans et plus)"
    reference = SOURCE

    def formula(etablissement, period):
        """Réhospitalisations pour IC à trois mois / séjours pour IC ; 0 sans séjour."""
        sejours = etablissement("nombre_sejours_ic", period)
        rehospitalisations = etablissement("nombre_rehospitalisations_ic", period)
        return numpy.divide(rehospitalisations, sejours, out=numpy.zeros(len(sejours)), where=sejours > 0)


class sejours_ic_premier_quartile_national(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Premier quartile national du nombre de séjours IC par établissement (donnée nationale)"
    reference = SOURCE
    documentation = "Statistique nationale de l'Assurance maladie : même valeur pour tous les établissements."


class sejours_ic_mediane_nationale(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Médiane nationale du nombre de séjours IC par établissement (donnée nationale)"
    reference = SOURCE
    documentation = "Statistique nationale de l'Assurance maladie : même valeur pour tous les établissements."


class taux_rehospitalisation_ic_mediane_nationale(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Médiane nationale du taux de réhospitalisation IC à 3 mois (donnée nationale)"
    reference = SOURCE
    documentation = "Statistique nationale de l'Assurance maladie : même valeur pour tous les établissements."


class taux_rehospitalisation_ic_troisieme_quartile_national(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Troisième quartile national du taux de réhospitalisation IC à 3 mois (donnée nationale)"
    reference = SOURCE
    documentation = "Statistique nationale de l'Assurance maladie : même valeur pour tous les établissements."


class ciblage_insuffisance_cardiaque(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Établissement ciblé sur l'indicateur national insuffisance cardiaque"
    reference = [SOURCE, SOURCE_PROROGATION]
    documentation = (
        "Ciblage final, sur l'année de référence : réhospitalisations au-delà du seuil ET ((séjours > 1er quartile "
        "national ET taux > 3e quartile national) OU (séjours > médiane nationale ET taux > médiane nationale))."
    )

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si, l'année de référence, l'activité IC et le taux de réhospitalisation dépassent les quartiles ou la médiane nationaux fixés par la règle de ciblage."""
        regles = parameters(period).caqes.pertinence.nationaux.insuffisance_cardiaque
        reference = periods.period(int(regles.annee_reference_ciblage))
        sejours = etablissement("nombre_sejours_ic", reference)
        taux = etablissement("taux_rehospitalisation_ic", reference)
        petite_activite_fort_taux = (sejours > etablissement("sejours_ic_premier_quartile_national", reference)) * (
            taux > etablissement("taux_rehospitalisation_ic_troisieme_quartile_national", reference)
        )
        au_dessus_de_la_norme = (sejours > etablissement("sejours_ic_mediane_nationale", reference)) * (
            taux > etablissement("taux_rehospitalisation_ic_mediane_nationale", reference)
        )
        assez_de_rehospitalisations = etablissement("nombre_rehospitalisations_ic", reference) > regles.nombre_rehospitalisations_seuil
        return assez_de_rehospitalisations * (petite_activite_fort_taux + au_dessus_de_la_norme)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class economie_insuffisance_cardiaque(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Économies sur les réhospitalisations IC (coût de l'année précédente moins celui de l'année), en euros"
    reference = [SOURCE, SOURCE_PROROGATION]
    documentation = "Peut être négatif. Calculé pour toute année de données, y compris pour l'IFEP."

    def formula_2018_01_01(etablissement, period):
        """Économies : coût des réhospitalisations IC de l'année précédente moins celui de l'année."""
        return baisse_annuelle(etablissement, "depense_rehospitalisations_ic", period)


class interessement_insuffisance_cardiaque(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement de l'indicateur national insuffisance cardiaque (euros)"
    reference = [SOURCE, SOURCE_PROROGATION, SOURCE_MODIFICATION]
    documentation = (
        "Part des économies sur le coût des réhospitalisations, pour un établissement ciblé aux économies positives. "
        "Depuis la prorogation (calcul mis à jour), dû seulement si le nombre de patients réhospitalisés baisse aussi "
        "(Interprétation : paramètre exige_baisse_patients_rehospitalises, 1 à partir de 2025)."
    )

    def formula_2022_01_01(etablissement, period, parameters):
        """Part des économies ; si exige_baisse_patients_rehospitalises, seulement quand les patients réhospitalisés baissent."""
        regles = parameters(period).caqes.pertinence.nationaux.insuffisance_cardiaque
        baisse_des_patients = baisse_annuelle(etablissement, "nombre_rehospitalisations_ic", period) > 0
        condition = baisse_des_patients | (regles.exige_baisse_patients_rehospitalises == 0)
        return condition * part_des_economies(etablissement, "insuffisance_cardiaque", period, regles.part_interessement)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
