"""Indicateur national : IEC contre ARA II et associations en PHEV (pré-ciblé pour la première campagne, supprimé)."""

from openfisca_core import periods
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import baisse_annuelle

SOURCE = "ARS Occitanie 2021, présentation du nouveau CAQES, « ↘ Indicateur national : Prescription des IEC vs ARA II et associations en PHEV »"


class depense_phev_ara2(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense remboursée d'ARA II (et associations) prescrits par l'établissement et exécutés en ville (PHEV)"
    reference = SOURCE


class depense_phev_iec(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense remboursée d'IEC (et associations) prescrits par l'établissement et exécutés en ville (PHEV)"
    reference = SOURCE


class taux_ara2_ucd(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de prescription d'ARA II en unités communes de dispensation (UCD), parmi les IEC et ARA II prescrits"
    reference = SOURCE
    documentation = "Données Assurance maladie (PHEV), en volumes."


class ciblage_iec_ara2(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Établissement pré-ciblé sur l'indicateur national IEC vs ARA II (campagne de lancement seulement)"
    reference = SOURCE
    documentation = (
        "Pré-ciblage national de la première campagne : taux d'ARA II en UCD et dépense d'ARA II de l'année "
        "de référence au moins égaux aux seuils. L'indicateur est ensuite « supprimé » : le pré-ciblage "
        "n'existe que pour l'année de lancement et n'ouvre droit à aucun intéressement."
    )

    def formula_2022_01_01(etablissement, period, parameters):
        """Pré-ciblé si, l'année de référence, le taux d'ARA II et la dépense prescrite atteignent les seuils nationaux."""
        regles = parameters(period).caqes.produits_sante.nationaux.iec_ara2
        reference = periods.period(int(regles.annee_reference_ciblage))
        taux = etablissement("taux_ara2_ucd", reference)
        depense = etablissement("depense_phev_ara2", reference)
        return (taux >= regles.taux_ara2_minimum) * (depense >= regles.depense_ara2_minimum)

    def formula_2023_01_01(etablissement, period):
        """Nul à partir de 2023 : l'indicateur IEC/ARA2 n'a ciblé que l'année de lancement 2022."""
        return etablissement.empty_array()


class economie_iec_ara2(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Économies sur les IEC et ARA II prescrits (dépense PHEV de l'année précédente moins celle de l'année), en euros"
    reference = SOURCE
    documentation = "Assiette : dépense d'ARA II et d'IEC (et associations). Peut être négatif. Calculé pour toute année de données."

    def formula_2018_01_01(etablissement, period):
        """Économies : dépenses d'ARA II et d'IEC prescrits de l'année précédente moins celles de l'année."""
        return baisse_annuelle(etablissement, "depense_phev_ara2", period) + baisse_annuelle(etablissement, "depense_phev_iec", period)


class interessement_iec_ara2(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement de l'indicateur national IEC vs ARA II (euros) : nul, l'indicateur est supprimé"
    reference = SOURCE
    documentation = "« Indicateur supprimé » dès la première campagne : aucun intéressement, quelles que soient les économies."

    def formula_2022_01_01(etablissement, period):
        """Nul : l'indicateur IEC/ARA2 est « supprimé » dès la première campagne du CAQES rénové, sans intéressement."""
        return etablissement.empty_array()
