"""Données synthétiques de l'IFEP : les actes suivis du dispositif des établissements atypiques.

Colonnes annuelles (2016-2027) `ifep_atypie_actes_AAAA`, `ifep_atypie_activite_AAAA` et
`ifep_atypie_montant_moyen_AAAA`. Ordres de grandeur inventés, plausibles (aucune source) :
- activité de référence (séjours ou patients) : proportionnelle aux lits et places (MCO 45
  séjours par lit et par an, SSR 10, psychiatrie 6, HAD 12 par place ; dialyse 70 patients par
  unité de taille), +1 % par an ;
- taux d'actes suivis par unité d'activité : un niveau par catégorie, une pratique propre à chaque
  établissement (lognormale, σ = 0,12, stable dans le temps), +1,5 % par an et un bruit annuel ;
- quelques établissements atypiques : environ 4 % ont un taux durablement 45 % à 90 % au-dessus de
  leur catégorie (en 2027, première année d'objectif, ils le réduisent de 0 à 20 %), environ 2 %
  voient leurs actes croître de 25 % par an à partir de 2025 ;
- montant moyen remboursé par acte : 25 € à 60 € selon la catégorie, ±20 % par établissement,
  +1,5 % par an.
- financements totaux de toutes origines (`financements_totaux_AAAA`, assiette du plafond de la
  pénalité) : le financement de l'assurance maladie (cœur) divisé par la part de l'assurance
  maladie, 75 % à 92 % selon l'établissement (le reste : patients, organismes complémentaires,
  autres produits), stable dans le temps ; jamais inférieurs à celui de l'assurance maladie.
Les dotations et pénalités sur les économies lisent les `economie_*` des indicateurs nationaux
(thème nationaux).
"""

from __future__ import annotations

import numpy as np

CIBLAGES_ATTENDUS: list[tuple[str, int, int, str]] = []  # l'IFEP n'a pas d'effectif ciblé publié

ANNEE_REFERENCE = 2019
ACTIVITE_PAR_LIT = {"lits_mco": 45.0, "lits_ssr": 10.0, "lits_psy": 6.0, "places_had": 12.0}
PATIENTS_DIALYSE = 70.0
CROISSANCE_ACTIVITE = 0.01
TAUX_PAR_CATEGORIE = {
    "mco_public": 0.9, "mco_prive": 1.1, "ssr_public": 0.35, "ssr_prive": 0.4, "psy_public": 0.25,
    "psy_prive": 0.3, "had": 0.6, "had_sans_pui": 0.6, "dialyse": 2.5,
}
MONTANT_PAR_CATEGORIE = {
    "mco_public": 45.0, "mco_prive": 45.0, "ssr_public": 30.0, "ssr_prive": 30.0, "psy_public": 25.0,
    "psy_prive": 25.0, "had": 35.0, "had_sans_pui": 35.0, "dialyse": 60.0,
}
DISPERSION_PRATIQUES = 0.12
BRUIT_ANNUEL = 0.03
CROISSANCE_TAUX = 0.015
CROISSANCE_MONTANT = 0.015
PART_ATYPIQUES_NIVEAU = 0.04
SURCROIT_ATYPIQUES = (1.45, 1.9)
REDUCTION_PREMIERE_ANNEE = (0.0, 0.2)
ANNEE_PREMIER_OBJECTIF = 2027
PART_ATYPIQUES_CROISSANCE = 0.02
CROISSANCE_ATYPIQUE = 0.25
DEBUT_CROISSANCE_ATYPIQUE = 2025
PART_ASSURANCE_MALADIE = (0.75, 0.92)


def _par_categorie(categorie: np.ndarray, valeurs: dict[str, float]) -> np.ndarray:
    return np.vectorize(valeurs.get, otypes=[float])(categorie)


def generer(base) -> dict[str, np.ndarray]:
    rng = base.rng("ifep")
    n = base.n
    annees = np.asarray(base.annees)
    ecart = annees - ANNEE_REFERENCE  # (années,)

    capacite = sum(getattr(base, nom) * parts for nom, parts in ACTIVITE_PAR_LIT.items())
    capacite = capacite + base.est("dialyse") * PATIENTS_DIALYSE * base.taille
    activite = np.outer(capacite, (1 + CROISSANCE_ACTIVITE) ** ecart) * rng.lognormal(0.0, BRUIT_ANNUEL, (n, len(annees)))

    pratique = _par_categorie(base.categorie, TAUX_PAR_CATEGORIE) * rng.lognormal(0.0, DISPERSION_PRATIQUES, n)
    atypique = rng.random(n) < PART_ATYPIQUES_NIVEAU
    pratique = np.where(atypique, pratique * rng.uniform(*SURCROIT_ATYPIQUES, n), pratique)
    taux = np.outer(pratique, (1 + CROISSANCE_TAUX) ** ecart) * rng.lognormal(0.0, BRUIT_ANNUEL, (n, len(annees)))
    reaction = 1 - rng.uniform(*REDUCTION_PREMIERE_ANNEE, n)
    taux[:, annees >= ANNEE_PREMIER_OBJECTIF] *= np.where(atypique, reaction, 1.0)[:, None]

    derive = (rng.random(n) < PART_ATYPIQUES_CROISSANCE) & ~atypique
    annees_derive = np.maximum(annees - DEBUT_CROISSANCE_ATYPIQUE + 1, 0)
    taux *= np.where(derive[:, None], (1 + CROISSANCE_ATYPIQUE) ** annees_derive[None, :], 1.0)

    actes = np.round(taux * activite)
    montant = np.outer(
        _par_categorie(base.categorie, MONTANT_PAR_CATEGORIE) * rng.uniform(0.8, 1.2, n),
        (1 + CROISSANCE_MONTANT) ** ecart,
    )
    colonnes: dict[str, np.ndarray] = {}
    for j, annee in enumerate(base.annees):
        colonnes[f"ifep_atypie_activite_{annee}"] = np.round(activite[:, j])
        colonnes[f"ifep_atypie_actes_{annee}"] = actes[:, j]
        colonnes[f"ifep_atypie_montant_moyen_{annee}"] = np.round(montant[:, j], 2)
    colonnes.update(_financements_totaux(base, rng))
    return colonnes


def _financements_totaux(base, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Financements de toutes origines : ceux de l'assurance maladie (cœur) divisés par sa part, au centime supérieur."""
    part = rng.uniform(*PART_ASSURANCE_MALADIE, base.n)
    colonnes = {}
    for annee in base.annees:
        assurance_maladie = np.asarray(base.colonnes[f"financement_assurance_maladie_total_{annee}"], dtype=np.float64)
        colonnes[f"financements_totaux_{annee}"] = np.ceil(assurance_maladie / part * 100) / 100
    return colonnes
