"""Les variables que calcule `caqes simulate` pour une année évaluée, selon le régime de l'année."""

from __future__ import annotations

# Ce que montre l'écran, par régime (première année du régime) ; le fichier de sortie ajoute le détail.
ECRAN = {
    2018: [*(f"score_volet_obligatoire_partie_{partie}" for partie in range(1, 7)),
           "score_volet_obligatoire", "score_volet_obligatoire_bonus", "penalite_non_atteinte",
           "penalite_refus_signature", "interessement_volets_additionnels", "solde_financier"],
    2022: ["nombre_indicateurs_nationaux_cibles", "nombre_indicateurs_regionaux_cibles", "interessement_national",
           "interessement_regional", "interessement_regional_verse", "penalite_refus_signature", "solde_financier"],
    2027: ["ifep_dans_champ", "ifep_dotation_complementaire", "ifep_penalite", "ifep_plafond_penalite",
           "solde_financier"],
}
PREFIXES_DETAIL = {
    2018: ("interessement_volet_additionnel_", "penalite_volet_", "objectif_atteint_volet_", "economie_volet_"),
    2022: ("ciblage_", "interessement_"),
    2027: ("ifep_",),
}
REGION = {
    2018: ["solde_financier_region"],
    2022: ["enveloppe_regionale", "interessement_regional_demande", "interessement_regional_verse_region",
           "coefficient_enveloppe_regionale", "enveloppe_regionale_reliquat", "solde_financier_region"],
    2027: ["ifep_dotation_complementaire_region", "ifep_penalite_region", "solde_financier_region"],
}
MONTANTS_SIGNATAIRE = ("interessement_total", "penalite_totale", "solde_financier")


def regime(annee: int) -> int:
    return max((debut for debut in ECRAN if debut <= annee), default=min(ECRAN))


def variables_detail(systeme, annee: int) -> list[str]:
    """Les variables de l'établissement du régime de l'année, écran puis détail par indicateur."""
    ecran_ = ECRAN[regime(annee)]
    detail = sorted(
        nom for nom, variable in systeme.variables.items()
        if variable.entity.key == "etablissement" and nom.startswith(PREFIXES_DETAIL[regime(annee)])
        and variable.formulas and nom not in ecran_
    )
    return ecran_ + detail


def variables_calculees(systeme, annee: int) -> list[str]:
    """Tout ce que `simulate` calcule sans --variables : écran, détail, indicateurs, signataires, régions."""
    calculees = ["categorie_etablissement", *ECRAN[regime(annee)], *variables_detail(systeme, annee), *REGION[regime(annee)]]
    if regime(annee) == 2022:
        calculees += [nom for indicateur, _, variable in indicateurs(systeme) for nom in (f"ciblage_{indicateur}", variable)]
    return [*calculees, "contrat_signe_par_entite_juridique", *MONTANTS_SIGNATAIRE]


def indicateurs(systeme) -> list[tuple[str, str, str]]:
    """(indicateur, portée, variable d'intéressement) : chaque `ciblage_X` qui a son intéressement."""
    trouves = []
    for nom in sorted(systeme.variables):
        indicateur = nom.removeprefix("ciblage_")
        if nom.startswith("ciblage_"):
            trouves += [(indicateur, portee, f"{prefixe}{indicateur}")
                        for portee, prefixe in (("national", "interessement_"), ("régional", "interessement_regional_"))
                        if f"{prefixe}{indicateur}" in systeme.variables]
    return trouves
