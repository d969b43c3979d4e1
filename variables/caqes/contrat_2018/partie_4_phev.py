"""Partie 4 du volet obligatoire : prescriptions hospitalières exécutées en ville (atteinte des indicateurs)."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement

SOURCE = (
    "ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Présentation Partie 4 Engagements relatifs aux "
    "médicaments et à la liste des produits et prestations prescrits en établissement de "
    "santé et remboursées sur l'enveloppe de soins de ville (PHEV) » (annexe 1, grille "
    "d'engagement)"
)
CIBLE = (
    "1 si la cible de l'année est atteinte, 0 sinon, entre les deux pour une atteinte "
    "partielle retenue par l'évaluation. Année de l'état des lieux : cible de la colonne "
    "« Cible » de la grille (état des lieux, propositions de cibles pluriannuelles, plan "
    "d'actions) ; années suivantes : cible contractualisée par avenant. Définition et "
    "cible : paramètre caqes.contrat_2018.volet_obligatoire.grille.partie_4.<indicateur>."
    " Sans évaluation renseignée, l'indicateur est réputé atteint (aucune sanction sans "
    "constat)."
)


class atteinte_volet_obligatoire_evolution_depenses_phev(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux d'évolution des dépenses de PHEV (médicaments et "
        "LPP) »"
    )
    reference = [SOURCE + " — objectif « Actions d'amélioration et maitrise de l'évolution des PHEV (1/3) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_evolution_phev_classe_medicaments(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux d'évolution d'une classe thérapeutique "
        "médicamenteuse PHEV significative de l'établissement »"
    )
    reference = [SOURCE + " — objectif « Actions d'amélioration et maitrise de l'évolution des PHEV (2/3) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_evolution_phev_classe_dispositifs(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Taux d'évolution d'une classe de DM inscrits à la LPP, "
        "PHEV, significative de l'établissement »"
    )
    reference = [SOURCE + " — objectif « Actions d'amélioration et maitrise de l'évolution des PHEV (2/3) »"]
    documentation = CIBLE


class atteinte_volet_obligatoire_charte_prestataires_lpp(Variable):
    value_type = float
    default_value = 1
    entity = Etablissement
    definition_period = DateUnit.YEAR
    unit = "/1"
    label = (
        "Atteinte de l'indicateur « Charte régulant l'intervention des prestataires de LPP "
        "dans l'établissement et/ou modèles de prescription »"
    )
    reference = [SOURCE + " — objectif « Actions d'amélioration et maitrise de l'évolution des PHEV (3/3) »"]
    documentation = CIBLE
