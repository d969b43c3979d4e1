"""Partie régionale du volet produits de santé : le périmètre (liste en sus) et l'activité PMSI du ciblage."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import plus_que, valeur_a_annees
from openfisca_caqes.regions import par_region

SEED_001 = "ARS Occitanie 2021, présentation du nouveau CAQES"
SEED_000 = "ARS Occitanie 2024, avenant de prorogation"


class sejours_medecine_domaines_cibles(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Séjours d'hospitalisation complète de médecine d'au moins trois jours des domaines d'activité ciblés (PMSI)"
    reference = f"{SEED_001}, « Indicateur régional : Conciliation médicamenteuse » (Méthodologie, Domaines d'activité ciblés)"
    documentation = "Les treize domaines d'activité de médecine et chirurgie de la présentation du nouveau CAQES (digestif, rhumatologie, système nerveux, cardiovasculaire, pneumologie…)."


class sejours_chirurgie_domaines_cibles(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Séjours d'hospitalisation complète de chirurgie d'au moins trois jours des domaines d'activité ciblés (PMSI)"
    reference = f"{SEED_001}, « Indicateur régional : Conciliation médicamenteuse » (Méthodologie)"


class sejours_ssr(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Séjours SSR (SMR) de l'année (PMSI), comptés dans les séjours potentiellement conciliables"
    reference = f"{SEED_001}, « Indicateur régional : Conciliation médicamenteuse » (Méthodologie)"


class sejours_psy(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "nombre"
    label = "Séjours de psychiatrie de l'année (PMSI), comptés dans les séjours potentiellement conciliables"
    reference = f"{SEED_001}, « Indicateur régional : Conciliation médicamenteuse » (Méthodologie)"


class ciblage_volet_regional_produits_sante(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Dans le périmètre de la partie régionale du volet produits de santé (dépenses liste en sus de l'année de référence au-delà du seuil)"
    reference = [
        f"{SEED_001}, « Méthodologie ciblage »",
        f"{SEED_000}, « 2. Le volet produits de santé » : périmètre inchangé",
    ]

    def formula_2022_01_01(etablissement, period, parameters):
        """Dans le périmètre si la partie régionale s'applique et que la dépense liste en sus de l'année de référence dépasse le seuil régional."""
        noeud = parameters(period).caqes.produits_sante.regionaux.perimetre
        region = etablissement("code_region", period)
        annee = par_region(noeud, region, "annee_reference_ciblage")
        depense = valeur_a_annees(etablissement, "depense_liste_en_sus", annee)
        seuil = par_region(noeud, region, "seuil_depense_liste_en_sus")
        return (par_region(noeud, region, "applicable") > 0) & plus_que(depense, seuil)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
