"""Données synthétiques du CAQES 2018-2021 : évaluation du volet obligatoire, non-concernement
par l'activité, volets additionnels transports et pertinence.

Tout est SYNTHÉTIQUE et plausible, sans source chiffrée : la plupart des établissements tiennent
70 à 100 % de leurs engagements (2018, année de l'état des lieux, un peu mieux ; puis un léger
progrès d'année en année), une minorité reste nettement en deçà et encourt une sanction. Les
dépenses de transports du volet transports viennent du thème `nationaux`
(`depense_transport_ambulance`, `depense_transport_assis`) ; ce module fixe qui a signé ce volet
et son objectif. Pas de ciblage en 2018 : tous les établissements sont dans le champ du volet
obligatoire (seed 004), d'où `CIBLAGES_ATTENDUS = []`.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

import openfisca_caqes.systeme as systemes  # `systemes.systeme_de_base` lu à l'appel : les tests y substituent une loi d'essai

ANNEES_REGIME = (2018, 2019, 2020, 2021)
CIBLAGES_ATTENDUS: list[tuple[str, int, int, str]] = []

# Engagement de l'établissement (probabilité de tenir un indicateur) : une loi bêta pour la
# plupart, une minorité d'établissements en difficulté.
PART_EN_DIFFICULTE = 0.05
ENGAGEMENT_BETA = (9.0, 1.2)
ENGAGEMENT_DIFFICULTE = (0.15, 0.55)
# Écart à l'engagement selon l'année : état des lieux (2018) plus facile à rendre, premières
# cibles contractualisées (2019) plus exigeantes, puis progrès.
EFFET_ANNEE = {2018: 0.05, 2019: -0.03, 2020: 0.0, 2021: 0.03}
BRUIT_INDICATEUR = 0.08
PART_ATTEINTE_PARTIELLE = 0.5  # un indicateur manqué l'est une fois sur deux partiellement

# Probabilités par catégorie qu'un drapeau d'activité soit vrai (constant sur la période).
DRAPEAUX_ACTIVITE = {
    "aucune_antibiotherapie": {"dialyse": 0.6, "had_sans_pui": 0.2, "psy_public": 0.1, "psy_prive": 0.1, "defaut": 0.01},
    "aucune_antibiotherapie_plus_7_jours": {"dialyse": 0.7, "had_sans_pui": 0.3, "psy_public": 0.25, "psy_prive": 0.3,
                                            "ssr_public": 0.05, "ssr_prive": 0.05, "defaut": 0.01},
    "activite_exclusivement_ambulatoire": {"dialyse": 1.0, "mco_prive": 0.08, "ssr_prive": 0.04, "defaut": 0.0},
    "aucun_medicament_liste_en_sus": {"mco_public": 0.02, "mco_prive": 0.15, "had": 0.4, "had_sans_pui": 0.7,
                                      "dialyse": 0.3, "defaut": 0.7},
    "aucun_dispositif_liste_en_sus": {"mco_public": 0.05, "mco_prive": 0.1, "had": 0.8, "had_sans_pui": 0.9,
                                      "dialyse": 0.6, "defaut": 0.9},
}

# Volets additionnels : signés par des MCO, plus souvent les grands (taille = échelle d'activité).
SIGNATURE_TRANSPORTS = {"grand": 0.35, "autre": 0.08}
SIGNATURE_PERTINENCE = {"grand": 0.2, "autre": 0.05}
SEUIL_GRAND = 1.3
CIBLES_TRANSPORTS = (0.01, 0.02, 0.03)  # objectif d'évolution proche du taux régional
CIBLES_PERTINENCE = (-0.03, -0.02, -0.01, 0.0)  # baisse ou stabilité des actes ciblés
TAUX_INTERESSEMENT = (0.2, 0.25, 0.3)
TAUX_PENALITE = (0.0, 0.01)  # certains contrats n'ont qu'un intéressement
# Objectifs complémentaires : une part des volets voit son montant modulé (coefficient tiré dans MODULATION).
PART_MODULEE = 0.2
MODULATION = (0.5, 1.0)
# Le DG ARS peut renoncer à sanctionner au vu des observations de l'établissement (D.162-16 IV).
PART_SANCTIONS_ECARTEES = 0.4
DEPENSE_PERTINENCE_2017 = 400_000.0
EVOLUTION_PERTINENCE = (-0.01, 0.04)  # moyenne et écart-type de l'évolution annuelle


@lru_cache(maxsize=1)
def indicateurs() -> tuple[str, ...]:
    """Les indicateurs de la grille d'engagement, lus dans la loi (une seule source)."""

    grille = systemes.systeme_de_base().parameters("2019-01-01").caqes.contrat_2018.volet_obligatoire.grille
    return tuple(sorted(code for partie in grille for code in grille[partie]))


def _par_categorie(base, probabilites: dict[str, float]) -> np.ndarray:
    defaut = probabilites.get("defaut", 0.0)
    return np.array([probabilites.get(c, defaut) for c in np.unique(base.categorie)])[
        np.unique(base.categorie, return_inverse=True)[1]
    ]


def _atteintes(base, rng: np.random.Generator) -> dict[str, np.ndarray]:
    difficulte = rng.random(base.n) < PART_EN_DIFFICULTE
    engagement = np.where(
        difficulte, rng.uniform(*ENGAGEMENT_DIFFICULTE, base.n), rng.beta(*ENGAGEMENT_BETA, base.n)
    )
    codes = indicateurs()
    colonnes = {}
    for annee in ANNEES_REGIME:
        probabilite = np.clip(
            engagement + EFFET_ANNEE[annee] + rng.normal(0, BRUIT_INDICATEUR, (len(codes), base.n)), 0, 1
        )
        tenu = rng.random((len(codes), base.n)) < probabilite
        partiel = rng.random((len(codes), base.n)) < PART_ATTEINTE_PARTIELLE
        atteinte = np.where(tenu, 1.0, np.where(partiel, np.round(rng.uniform(0.1, 0.9, (len(codes), base.n)), 1), 0.0))
        colonnes.update({f"atteinte_volet_obligatoire_{code}_{annee}": atteinte[i] for i, code in enumerate(codes)})
    return colonnes


def _drapeaux(base, rng: np.random.Generator) -> dict[str, np.ndarray]:
    valeurs = {nom: rng.random(base.n) < _par_categorie(base, p) for nom, p in DRAPEAUX_ACTIVITE.items()}
    valeurs["aucune_antibiotherapie_plus_7_jours"] |= valeurs["aucune_antibiotherapie"]
    return {f"{nom}_{annee}": v.astype(int) for nom, v in valeurs.items() for annee in ANNEES_REGIME}


def _volets_additionnels(base, rng: np.random.Generator) -> dict[str, np.ndarray]:
    mco = base.est("mco_public", "mco_prive")
    grand = base.taille >= SEUIL_GRAND
    colonnes = {}
    for volet, signature, cibles in (
        ("transports", SIGNATURE_TRANSPORTS, CIBLES_TRANSPORTS),
        ("pertinence", SIGNATURE_PERTINENCE, CIBLES_PERTINENCE),
    ):
        signe = mco & (rng.random(base.n) < np.where(grand, signature["grand"], signature["autre"]))
        debut = rng.choice(ANNEES_REGIME[:2], base.n)  # volet signé pour 2018 ou à partir de 2019
        interessement = rng.choice(TAUX_INTERESSEMENT, base.n)
        penalite = rng.choice(TAUX_PENALITE, base.n)
        for annee in ANNEES_REGIME:
            en_vigueur = signe & (annee >= debut)
            colonnes[f"volet_additionnel_{volet}_signe_{annee}"] = en_vigueur.astype(int)
            cible = np.where(en_vigueur, rng.choice(cibles, base.n), 0.0)
            colonnes[f"taux_evolution_cible_volet_additionnel_{volet}_{annee}"] = cible
            colonnes[f"taux_interessement_volet_additionnel_{volet}_{annee}"] = np.where(en_vigueur, interessement, 0.0)
            colonnes[f"taux_penalite_volet_additionnel_{volet}_{annee}"] = np.where(en_vigueur, penalite, 0.0)
            modulee = en_vigueur & (rng.random(base.n) < PART_MODULEE)
            modulation = np.where(modulee, np.round(rng.uniform(*MODULATION, base.n), 2), 1.0)
            colonnes[f"coefficient_modulation_volet_additionnel_{volet}_{annee}"] = modulation
    depense = DEPENSE_PERTINENCE_2017 * base.taille * rng.lognormal(0.0, 0.5, base.n) * mco
    for annee in (2017, *ANNEES_REGIME):
        colonnes[f"depense_volet_additionnel_pertinence_{annee}"] = np.round(depense, 2)
        depense = depense * (1 + rng.normal(*EVOLUTION_PERTINENCE, base.n))
    return colonnes


def generer(base) -> dict[str, np.ndarray]:
    """Les colonnes du thème, pour les années 2018 à 2021 (2017 pour la dépense de référence)."""
    rng = base.rng("contrat_2018")
    colonnes = _atteintes(base, rng)
    colonnes.update(_drapeaux(base, rng))
    colonnes.update(_volets_additionnels(base, rng))
    for annee in ANNEES_REGIME:
        colonnes[f"sanction_non_atteinte_ecartee_{annee}"] = (rng.random(base.n) < PART_SANCTIONS_ECARTEES).astype(int)
    return colonnes
