"""Les sanctions pour non-atteinte des objectifs du premier CAQES : celle du volet obligatoire,
selon le score de la grille d'engagement (barème interprété), et leur total, plafonné par
volet et pour l'ensemble des volets en part des produits du dernier exercice clos."""

import numpy
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.montants import arrondi_euro, plafond_en_euros

LEGIFRANCE = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034459834"
REFERENCE = [
    "ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « L'évaluation du CAQES » : en cas de non atteinte des objectifs, "
    "notification de sanctions ; « Modalité de sanction financière choisie pour la région Occitanie » (figure absente)",
    LEGIFRANCE,
]


def produits_dernier_exercice_clos(etablissement, period, parameters):
    """Produits d'assurance maladie du dernier exercice clos quand la sanction de l'année évaluée est prononcée."""
    decalage = int(parameters(period).caqes.contrat_2018.penalites.decalage_exercice_clos)
    return etablissement("produits_assurance_maladie", period.offset(-decalage, DateUnit.YEAR))


class sanction_non_atteinte_ecartee(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Le directeur général de l'ARS décide de ne pas prononcer de sanction pour non-atteinte des objectifs"
    reference = REFERENCE
    documentation = (
        "Au vu des observations de l'établissement (activité, caractéristiques sanitaires des patients), "
        "le DG ARS peut ne pas prononcer de sanction (LEGIARTI000034459834, IV)."
    )


class penalite_volet_obligatoire(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Sanction du volet obligatoire selon le score de la grille d'engagement (euros)"
    reference = REFERENCE
    documentation = (
        "Interprétation (parameters/caqes/contrat_2018/penalites/volet_obligatoire) : taux nul au-dessus du "
        "score sans sanction, maximal au plus au score de sanction maximale, linéaire entre les deux, "
        "toujours dans le plafond par volet ; appliqué aux produits du dernier exercice clos au prononcé "
        "(caqes.contrat_2018.penalites.decalage_exercice_clos : l'année évaluée N)."
    )

    def formula_2018_01_01(etablissement, period, parameters):
        """Taux de sanction du barème (nul au-dessus du score sans sanction, maximal au score de sanction maximale, linéaire entre les deux, dans le plafond par volet) × produits du dernier exercice clos, à l'euro, pour un établissement sous contrat."""
        penalites = parameters(period).caqes.contrat_2018.penalites
        bareme = penalites.volet_obligatoire
        score = etablissement("score_volet_obligatoire", period) + bareme.bonus_pris_en_compte * etablissement(
            "score_volet_obligatoire_bonus", period
        )
        manque = (bareme.score_sans_penalite - score) / (bareme.score_sans_penalite - bareme.score_penalite_maximale)
        taux = min(bareme.taux_maximal, penalites.plafond_par_volet) * numpy.clip(manque, 0, 1)
        produits = produits_dernier_exercice_clos(etablissement, period, parameters)
        # Au plafond par volet, l'arrondi à l'euro ne le dépasse jamais : ⌊plafond × produits⌋ exactement.
        sanction = numpy.minimum(arrondi_euro(taux * produits), plafond_en_euros(penalites.plafond_par_volet, produits))
        return etablissement("sous_contrat", period) * sanction

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()


class penalite_non_atteinte(Variable):
    value_type = int
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "currency-EUR"
    label = "Sanctions pour non-atteinte des objectifs, tous volets (euros)"
    reference = REFERENCE
    documentation = (
        "Volet obligatoire + volets additionnels transports et pertinence, chacun dans le plafond par volet, "
        "le total dans le plafond de l'ensemble des volets (produits du dernier exercice clos au prononcé : "
        "l'année évaluée N, caqes.contrat_2018.penalites.decalage_exercice_clos) ; "
        "nulle si le DG ARS écarte la sanction. Le refus de signer a sa propre pénalité."
    )

    def formula_2018_01_01(etablissement, period, parameters):
        """Somme des sanctions des trois volets, ramenée à ⌊plafond de l'ensemble des volets × produits du dernier exercice clos⌋, nulle si le DG ARS l'écarte."""
        plafond = parameters(period).caqes.contrat_2018.penalites.plafond_ensemble_volets
        total = (
            etablissement("penalite_volet_obligatoire", period)
            + etablissement("penalite_volet_additionnel_transports", period)
            + etablissement("penalite_volet_additionnel_pertinence", period)
        )
        # Un plafond n'est jamais dépassé d'un centime : arrondi vers le bas, exactement.
        maximum = plafond_en_euros(plafond, produits_dernier_exercice_clos(etablissement, period, parameters))
        ecartee = etablissement("sanction_non_atteinte_ecartee", period)
        return ~ecartee * numpy.minimum(total, maximum)

    def formula_2022_01_01(etablissement, period):
        """Nul à partir de 2022 : le contrat de 2018 prend fin, remplacé par le CAQES rénové (décret 2021-1231)."""
        return etablissement.empty_array()
