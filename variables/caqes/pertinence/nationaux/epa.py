"""Indicateur national : examens biologiques pré-anesthésiques (EPA), supprimé à la prorogation."""

from openfisca_core import periods
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import baisse_annuelle, part_des_economies
from openfisca_caqes.regions import par_region

SOURCE = "ARS Occitanie 2021, présentation du nouveau CAQES, « ↘ Indicateur national : Examens biologiques pré anesthésique - présentation »"
SOURCE_CIBLAGE = "ARS Occitanie 2021, présentation du nouveau CAQES, « ↘ Indicateur national : Examen pré anesthésique - Ciblage »"
SOURCE_SUPPRESSION = "ARS Occitanie 2024, avenant de prorogation, « Le volet Pertinence » : suppression de l'indicateur EPA"


class nombre_epa(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Nombre d'examens pré-anesthésiques (EPA) de l'établissement dans l'année"
    reference = SOURCE_CIBLAGE
    documentation = "Données PMSI + SNIIRAM ; examens rattachés à l'acte de chirurgie, faits en ville ou à l'hôpital."


class part_sejours_epa_inutiles(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part des séjours avec des prescriptions d'EPA jugées inutiles parmi les séjours entrant dans les critères de sélection"
    reference = SOURCE_CIBLAGE


class part_actes_epa_evitables(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Part des actes d'EPA évitables"
    reference = SOURCE_CIBLAGE


class depense_evitable_epa_hemostase_enfant(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense évitable : bilans d'hémostase chez l'enfant sans facteur de risque avant amygdalectomie et/ou adénoïdectomie"
    reference = SOURCE


class depense_evitable_epa_hemostase_adulte(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense évitable : bilans d'hémostase chez l'adulte sans facteur de risque hémorragique"
    reference = SOURCE


class depense_evitable_epa_groupe_sanguin(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense évitable : recherches de groupe sanguin avant les interventions ciblées"
    reference = SOURCE


class depense_evitable_epa_ionogramme(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense évitable : ionogrammes sanguins avant une chirurgie mineure"
    reference = SOURCE


class depense_evitable_epa(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Somme évitable des examens pré-anesthésiques (quatre sous-indicateurs)"
    reference = [SOURCE, SOURCE_CIBLAGE]

    def formula(etablissement, period):
        """Somme évitable des quatre sous-indicateurs d'examens pré-anesthésiques (hémostase enfant et adulte, groupe sanguin, ionogramme)."""
        return (
            etablissement("depense_evitable_epa_hemostase_enfant", period)
            + etablissement("depense_evitable_epa_hemostase_adulte", period)
            + etablissement("depense_evitable_epa_groupe_sanguin", period)
            + etablissement("depense_evitable_epa_ionogramme", period)
        )


class ciblage_epa(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Établissement ciblé sur l'indicateur national examens pré-anesthésiques (EPA)"
    reference = [SOURCE_CIBLAGE, SOURCE_SUPPRESSION]
    documentation = (
        "Pré-ciblage national (activité d'EPA et part de séjours aux prescriptions inutiles au-delà des seuils) "
        "ET ciblage régional de l'ARS (somme évitable au moins égale au premier seuil, ou supérieure au second "
        "avec une part d'actes évitables suffisante), sur l'année de référence. Sans règle régionale, le "
        "pré-ciblage national suffit."
    )

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si, l'année de référence, le nombre d'EPA et la part de séjours aux EPA inutiles dépassent les seuils nationaux et que la somme évitable (seule, ou avec la part d'actes évitables) dépasse les seuils de la région."""
        regles = parameters(period).caqes.pertinence.nationaux.epa
        reference = periods.period(int(regles.annee_reference_ciblage))
        national = (etablissement("nombre_epa", reference) > regles.nombre_epa_seuil) * (
            etablissement("part_sejours_epa_inutiles", reference) > regles.part_sejours_inutiles_seuil
        )
        region = etablissement("code_region", period)
        regional = regles.ciblage_regional
        somme = etablissement("depense_evitable_epa", reference)
        part_actes = etablissement("part_actes_epa_evitables", reference)
        somme_elevee = somme >= par_region(regional.somme_evitable_minimum, region)
        somme_et_part = (somme > par_region(regional.somme_evitable_seuil, region)) * (
            part_actes >= par_region(regional.part_actes_evitables_minimum, region)
        )
        return national * (somme_elevee + somme_et_part)

    def formula_2025_01_01(etablissement, period):
        """Nul à partir de 2025 : l'avenant de prorogation retire cet indicateur."""
        return etablissement.empty_array()


class economie_epa(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépenses évitées sur les examens pré-anesthésiques (somme évitable de l'année précédente moins celle de l'année), en euros"
    reference = SOURCE
    documentation = "Peut être négatif. Calculé pour toute année de données, y compris après la suppression de l'indicateur."

    def formula_2018_01_01(etablissement, period):
        """Économies : somme évitable de l'année précédente moins celle de l'année."""
        return baisse_annuelle(etablissement, "depense_evitable_epa", period)


class interessement_epa(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement de l'indicateur national examens pré-anesthésiques (euros)"
    reference = [SOURCE, SOURCE_SUPPRESSION]
    documentation = "Part des dépenses évitées de l'année pour un établissement ciblé aux économies positives ; nul après la suppression."

    def formula_2022_01_01(etablissement, period, parameters):
        """La part d'intéressement de l'indicateur (paramètre part_interessement) appliquée aux économies positives d'un établissement ciblé sous contrat, à l'euro."""
        part = parameters(period).caqes.pertinence.nationaux.epa.part_interessement
        return part_des_economies(etablissement, "epa", period, part)

    def formula_2025_01_01(etablissement, period):
        """Nul à partir de 2025 : l'avenant de prorogation retire cet indicateur."""
        return etablissement.empty_array()
