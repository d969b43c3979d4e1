"""Indicateur national : prescriptions de perfusions à domicile (PERFADOM) exécutées en ville."""

import numpy
from openfisca_core import periods
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.formules import baisse_annuelle, part_des_economies, reciblage_prorogation

SOURCE = "ARS Occitanie 2021, présentation du nouveau CAQES, « ↘ Indicateur national : Prescriptions de perfusions à domicile »"
SOURCE_PROROGATION = "ARS Occitanie 2024, avenant de prorogation, « Avenant de prorogation », indicateurs nationaux : perfusion à domicile maintenue"


class depense_perfadom_gravite(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense remboursée PERFADOM de perfusion par gravité (GRA) prescrite par l'établissement"
    reference = SOURCE


class depense_perfadom_diffuseurs(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense remboursée PERFADOM de perfusion par diffuseur (DIF) prescrite par l'établissement"
    reference = SOURCE


class depense_perfadom_systemes_actifs(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense remboursée PERFADOM de perfusion par systèmes actifs (PSE) prescrite par l'établissement"
    reference = SOURCE


class depense_perfadom_systemes_actifs_diffuseurs(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense remboursée PERFADOM en systèmes actifs et diffuseurs (PSE + DIF)"
    reference = SOURCE

    def formula(etablissement, period):
        """Dépense PERFADOM en systèmes actifs plus celle en diffuseurs."""
        return etablissement("depense_perfadom_systemes_actifs", period) + etablissement("depense_perfadom_diffuseurs", period)


class depense_perfadom(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Dépense remboursée PERFADOM totale (gravité + diffuseurs + systèmes actifs)"
    reference = SOURCE

    def formula(etablissement, period):
        """Dépense PERFADOM par gravité plus celle en systèmes actifs et diffuseurs."""
        couteux = etablissement("depense_perfadom_systemes_actifs_diffuseurs", period)
        return etablissement("depense_perfadom_gravite", period) + couteux


class taux_perfadom_systemes_actifs_diffuseurs(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = "Taux de recours aux systèmes actifs et diffuseurs (PSE + DIF) / (PSE + DIF + GRA), en montants remboursés"
    reference = SOURCE
    documentation = "L'indicateur du seed ; nul sans dépense PERFADOM."

    def formula(etablissement, period):
        """Dépense en systèmes actifs et diffuseurs / dépense PERFADOM totale ; 0 sans dépense."""
        total = etablissement("depense_perfadom", period)
        couteux = etablissement("depense_perfadom_systemes_actifs_diffuseurs", period)
        return numpy.divide(couteux, total, out=numpy.zeros(len(total)), where=total > 0)


class ciblage_perfadom(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Établissement ciblé sur l'indicateur national perfusions à domicile (PERFADOM)"
    reference = [SOURCE, SOURCE_PROROGATION]
    documentation = "Pré-ciblage national : taux de recours et dépense en systèmes actifs et diffuseurs de l'année de référence au moins égaux aux seuils."

    def formula_2022_01_01(etablissement, period, parameters):
        """Ciblé si, l'année de référence, le taux et la dépense en systèmes actifs et diffuseurs atteignent les seuils nationaux."""
        regles = parameters(period).caqes.produits_sante.nationaux.perfadom
        reference = periods.period(int(regles.annee_reference_ciblage))
        taux = etablissement("taux_perfadom_systemes_actifs_diffuseurs", reference)
        depense = etablissement("depense_perfadom_systemes_actifs_diffuseurs", reference)
        taux_atteint = taux >= regles.taux_systemes_actifs_diffuseurs_minimum
        return taux_atteint * (depense >= regles.depense_systemes_actifs_diffuseurs_minimum)

    def formula_2025_01_01(etablissement, period, parameters):
        """Re-ciblage de la prorogation : mêmes seuils sur les données 2023, sans nouvel établissement si le paramètre l'exclut."""
        recalcule = ciblage_perfadom.formula_2022_01_01(etablissement, period, parameters)
        return reciblage_prorogation(etablissement, period, parameters, "perfadom", recalcule)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()


class economie_perfadom(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Économies sur les perfusions à domicile prescrites (dépense de l'année précédente moins celle de l'année), en euros"
    reference = SOURCE
    documentation = (
        "Interprétation (paramètre economie_inclut_gravite) : assiette = dépense PERFADOM totale, ou seulement "
        "systèmes actifs et diffuseurs. Peut être négatif. Calculé pour toute année de données."
    )

    def formula_2018_01_01(etablissement, period, parameters):
        """Économies : baisse de la dépense en systèmes actifs et diffuseurs depuis l'année précédente, plus celle par gravité si le paramètre l'inclut."""
        inclut_gravite = parameters(period).caqes.produits_sante.nationaux.perfadom.economie_inclut_gravite
        couteux = baisse_annuelle(etablissement, "depense_perfadom_systemes_actifs_diffuseurs", period)
        return couteux + inclut_gravite * baisse_annuelle(etablissement, "depense_perfadom_gravite", period)


class interessement_perfadom(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Intéressement de l'indicateur national perfusions à domicile (euros)"
    reference = [SOURCE, SOURCE_PROROGATION]
    documentation = "Part des économies de l'année pour un établissement ciblé aux économies positives ; arrondi à l'euro."

    def formula_2022_01_01(etablissement, period, parameters):
        """La part d'intéressement de l'indicateur (paramètre part_interessement) appliquée aux économies positives d'un établissement ciblé sous contrat, à l'euro."""
        part = parameters(period).caqes.produits_sante.nationaux.perfadom.part_interessement
        return part_des_economies(etablissement, "perfadom", period, part)

    def formula_2027_01_01(etablissement, period):
        """Nul à partir de 2027 : le CAQES est abrogé au 1er janvier 2027 et l'IFEP le remplace."""
        return etablissement.empty_array()
