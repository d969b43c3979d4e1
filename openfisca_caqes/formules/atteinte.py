"""La part gagnée d'un objectif régional et l'intéressement qui en découle (potentiel × part, à l'euro, plafonné)."""

import numpy as np

from openfisca_caqes.formules.comparaisons import au_moins, rapport
from openfisca_caqes.formules.regional import regles_regionales
from openfisca_caqes.montants import arrondi_euro


def part_atteinte(realise, cible, seuil_proportionnel) -> np.ndarray:
    """Part gagnée d'un objectif chiffré : 1 si la cible est atteinte ; réalisé / cible si ce rapport
    atteint le seuil de paiement proportionnel ; 0 sinon, et 0 sans cible (cible nulle)."""
    ratio = rapport(realise, cible)
    atteinte = au_moins(realise, cible) & (np.asarray(cible) > 0)
    return np.where(atteinte, 1, np.where(au_moins(ratio, seuil_proportionnel), np.minimum(ratio, 1), 0))


def interessement_indicateur(etablissement, period, parameters, indicateur: str, part=None) -> np.ndarray:
    """Intéressement gagné (euros entiers) : ciblage × potentiel × part gagnée.

    Le potentiel est `montant_potentiel_<indicateur>` s'il est saisi (> 0), sinon le poids de
    l'indicateur × la valeur du point régional (répartition par défaut de l'enveloppe)."""
    regle = regles_regionales(etablissement, period, parameters, indicateur)
    saisi = etablissement(f"montant_potentiel_{indicateur}", period)
    par_defaut = regle("poids_repartition") * etablissement.region("valeur_point_interessement_regional", period)
    potentiel = np.where(saisi > 0, saisi, par_defaut)
    if part is None:
        part = etablissement(f"taux_atteinte_{indicateur}", period)
    cible_sous_contrat = etablissement(f"ciblage_{indicateur}", period) * etablissement("sous_contrat", period)
    gagne = arrondi_euro(cible_sous_contrat * potentiel * part)
    # Un potentiel saisi est un plafond fixé par l'ARS : l'arrondi à l'euro ne le dépasse jamais (bonus éventuel compris).
    plafond = np.where(saisi > 0, np.floor(saisi * np.maximum(part, 1)), np.inf)
    return np.minimum(gagne, plafond).astype(np.int64)
