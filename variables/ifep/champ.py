"""Le champ de l'IFEP : les établissements des 1°, 2° et 4° de l'article L.162-22 CSS."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.regions import par_modalite


class ifep_dans_champ(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "L'établissement est dans le champ de l'IFEP (activités des 1°, 2° et 4° de l'article L.162-22 CSS)"
    reference = [
        "ARS Occitanie, webinaire de janvier 2026 (évaluation 2025 dans e-CARS), « 8 - Les évolutions du dispositif » : établissements concernés, art. L.162-22 1°, 2°, 4°",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053271346", "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000053284498",
    ]
    documentation = (
        "Par catégorie d'établissement (parameters/ifep/champ/categories.yaml) : MCO, psychiatrie et "
        "SMR dans le champ ; HAD et dialyse lues comme des activités de MCO du 1° (interprétation). "
        "Vrai seulement les années où la dotation ou les pénalités de l'IFEP s'appliquent "
        "(ifep.calendrier : 2027 dans la lecture retenue ; 2026 si la dotation y est attribuée)."
    )

    def formula_2026_01_01(etablissement, period, parameters):
        """Catégorie dans le champ, l'année où la dotation ou les pénalités de l'IFEP s'appliquent."""
        calendrier = parameters(period).ifep.calendrier
        actif = calendrier.dotation_complementaire > 0 or ("penalites" in calendrier and calendrier.penalites > 0)
        categorie = etablissement("categorie_etablissement", period)
        return (par_modalite(parameters(period).ifep.champ.categories, categorie) > 0) & actif

