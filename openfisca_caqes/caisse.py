"""La vue par année de caisse : ce que paie la région l'année C, c'est-à-dire les résultats évalués en C − délai.

Le délai de paiement est un paramètre daté (calendrier.delai_paiement) lu à l'année de caisse :
en 2027, la région paie les résultats du CAQES 2026 ; l'IFEP, évalué à partir de 2027, est payé
en 2028 (hypothèse ifep.calendrier.delai_paiement). Chaque année de caisse est une évaluation
(openfisca_caqes.evaluation) de l'année évaluée qu'elle paie ; les totaux sont des int64.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from openfisca_caqes.evaluation import Colonne, erreur_utilisateur, evaluer_colonnes, identite, libelles

COLONNES = {
    "annee_caisse": "Année de caisse",
    "annee_evaluee": "Année évaluée payée",
    "region": "Région",
    "etablissements": "Établissements",
    "interessement": "Intéressements versés (€)",
    "penalite": "Pénalités reprises (€)",
    "solde": "Solde payé par la région (€)",
}


def annee_payee(systeme, annee_caisse: int) -> int:
    """L'année évaluée que paie l'année de caisse (délai de paiement lu à l'année de caisse)."""
    try:
        delai = int(systeme.parameters(f"{annee_caisse}-01-01").calendrier.delai_paiement)
    except Exception as erreur:  # noqa: BLE001 - une année hors du calendrier encodé
        raise erreur_utilisateur(f"--annee-caisse {annee_caisse} : hors du calendrier de paiement de la loi ({erreur})") from None
    return annee_caisse - delai


def colonnes_caisse(annees_caisse: list[int], systeme) -> list[tuple[Colonne, object]]:
    """Une colonne par année de caisse : l'année évaluée qu'elle paie (délai de paiement de la loi)."""
    return [(Colonne(f"caisse {annee}", annee_payee(systeme, annee)), systeme) for annee in sorted(set(annees_caisse))]


def vue_caisse(tableau: pd.DataFrame, nom: str, annees_caisse: list[int], systeme) -> pd.DataFrame:
    """Par année de caisse et par région : l'année évaluée payée, les intéressements, pénalités et solde versés."""
    colonnes = colonnes_caisse(annees_caisse, systeme)
    evaluations, _ = evaluer_colonnes(tableau, colonnes, nom, tracer=False, supplementaires=())
    regions = identite(tableau)["region"]
    noms = libelles(systeme).get("region", {})
    morceaux = []
    for (colonne, _), evaluation in zip(colonnes, evaluations):
        valeurs = evaluation.valeurs.assign(region=regions.to_numpy())
        bloc = valeurs.groupby("region", sort=True).agg(
            etablissements=("solde", "size"), interessement=("interessement", "sum"),
            penalite=("penalite", "sum"), solde=("solde", "sum"),
        ).reset_index()
        bloc.insert(0, "annee_evaluee", colonne.annee)
        bloc.insert(0, "annee_caisse", int(colonne.libelle.split()[-1]))
        morceaux.append(bloc)
    vue = pd.concat(morceaux, ignore_index=True)
    for cle in ("etablissements", "interessement", "penalite", "solde"):
        vue[cle] = vue[cle].astype(np.int64)
    vue["region"] = vue["region"].map(lambda code: noms.get(code, code))
    return vue.rename(columns=COLONNES)
