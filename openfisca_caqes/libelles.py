"""En-têtes courts, en français, pour les tableaux affichés à l'écran (les fichiers gardent les libellés)."""

ENTETES_COURTS = {
    "categorie_etablissement": "Catégorie",
    **{f"score_volet_obligatoire_partie_{partie}": f"Partie {partie}" for partie in range(1, 7)},
    "score_volet_obligatoire": "Score /100",
    "score_volet_obligatoire_bonus": "Bonus /4",
    "penalite_non_atteinte": "Pénalité non-atteinte €",
    "penalite_refus_signature": "Pénalité refus €",
    "interessement_volets_additionnels": "Intéressement volets add. €",
    "solde_financier": "Solde €",
    "nombre_indicateurs_nationaux_cibles": "Ind. nationaux ciblés",
    "nombre_indicateurs_regionaux_cibles": "Ind. régionaux ciblés",
    "interessement_national": "Intéressement national €",
    "interessement_regional": "Intéressement régional gagné €",
    "interessement_regional_verse": "Intéressement régional versé €",
    "ifep_dans_champ": "Champ IFEP",
    "ifep_dotation_complementaire": "Dotation complémentaire €",
    "ifep_penalite": "Pénalité IFEP €",
    "ifep_plafond_penalite": "Plafond pénalité (2 %) €",
    "enveloppe_regionale": "Enveloppe €",
    "interessement_regional_demande": "Gagné €",
    "interessement_regional_verse_region": "Versé €",
    "coefficient_enveloppe_regionale": "Coefficient",
    "enveloppe_regionale_reliquat": "Reliquat €",
    "solde_financier_region": "Solde des établissements €",
    "ifep_dotation_complementaire_region": "Dotations complémentaires €",
    "ifep_penalite_region": "Pénalités IFEP €",
    "interessement_total": "Intéressements €",
    "penalite_totale": "Pénalités €",
}


def raccourcir(tableau, systeme):
    """Le même tableau, ses colonnes (libellés complets des variables) en en-têtes courts pour l'écran."""
    courts = {systeme.variables[nom].label: court for nom, court in ENTETES_COURTS.items() if nom in systeme.variables}
    return tableau.rename(columns=courts)
