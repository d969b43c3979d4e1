"""L'intéressement des indicateurs nationaux du CAQES rénové : économies d'une année sur l'autre, part reversée, reciblage."""

import numpy as np

from openfisca_caqes.montants import arrondi_euro


def baisse_annuelle(etablissement, variable, period):
    """La valeur de l'année précédente moins celle de l'année : les économies d'un indicateur national."""
    return etablissement(variable, period.last_year) - etablissement(variable, period)


def part_des_economies(etablissement, indicateur, period, part):
    """L'intéressement d'un indicateur national : `part` des économies positives d'un établissement ciblé, à l'euro."""
    economie = np.maximum(etablissement(f"economie_{indicateur}", period), 0)
    cible_sous_contrat = etablissement(f"ciblage_{indicateur}", period) * etablissement("sous_contrat", period)
    return arrondi_euro(cible_sous_contrat * part * economie)


def reciblage_prorogation(etablissement, period, parameters, indicateur, ciblage_recalcule):
    """Le ciblage recalculé de la prorogation, restreint aux établissements ciblés pendant le contrat
    précédent si caqes.ciblage_national.reciblage_ajoute_etablissements vaut 0."""
    if parameters(period).caqes.ciblage_national.reciblage_ajoute_etablissements:
        return ciblage_recalcule
    proposition = int(parameters(period).caqes.refus_signature.annee_proposition)
    precedente = int(parameters(f"{proposition - 1}-01-01").caqes.refus_signature.annee_proposition)
    deja_cible = sum(etablissement(f"ciblage_{indicateur}", str(annee)).astype(int) for annee in range(precedente, proposition)) > 0
    return ciblage_recalcule & deja_cible
