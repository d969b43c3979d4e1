"""Populations synthétiques déterministes : l'Occitanie embarquée et des France de taille N.

Le cœur construit la structure (sites, entités juridiques, régions, catégories, taille,
financements) ; chaque thème de la loi fournit ses colonnes (`THEMES`). Tout est SYNTHÉTIQUE :
les identifiants (`SYN-…`) ne peuvent être pris pour des numéros FINESS (9 chiffres).
"""

from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

ANNEES = tuple(range(2016, 2029))
THEMES = ("contrat_2018", "nationaux", "regionaux", "ifep")
GRAINE = 20220101

# (catégorie, sites au profil ciblé en 2022, autres sites) — seed 001 : 85 contrats en 2022
# (31 MCO publics/ESPIC, 38 MCO privés, 16 HAD) ; les autres sites sont hors ciblage 2022 mais
# dans le volet obligatoire 2018 (seed 004 : MCO, SSR, PSY, HAD, dialyse).
COMPOSITION_OCCITANIE = (
    ("mco_public", 31, 25),
    ("mco_prive", 38, 20),
    ("had", 16, 10),
    ("had_sans_pui", 0, 8),
    ("ssr_public", 0, 30),
    ("ssr_prive", 0, 45),
    ("psy_public", 0, 15),
    ("psy_prive", 0, 20),
    ("dialyse", 0, 20),
)
SITES_SECONDAIRES_PUBLICS = 14  # sites rattachés aux entités juridiques publiques ciblées
CHU = 3
CLCC = 2

REGIONS_METROPOLE = {  # poids (part des établissements), ordre de grandeur SAE
    "auvergne_rhone_alpes": 0.12, "bourgogne_franche_comte": 0.045, "bretagne": 0.05,
    "centre_val_de_loire": 0.04, "corse": 0.006, "grand_est": 0.09, "hauts_de_france": 0.085,
    "ile_de_france": 0.17, "normandie": 0.05, "nouvelle_aquitaine": 0.1, "occitanie": 0.1,
    "pays_de_la_loire": 0.05, "provence_alpes_cote_d_azur": 0.094,
}

# Ordres de grandeur synthétiques (aucune source : données inventées, plausibles).
LITS_PAR_CATEGORIE = {"mco_public": 220, "mco_prive": 120, "ssr_public": 70, "ssr_prive": 80,
                      "psy_public": 160, "psy_prive": 90, "had": 50, "had_sans_pui": 25, "dialyse": 0}
PRODUITS_PAR_LIT = {"mco": 160_000, "ssr": 95_000, "psy": 85_000, "had": 70_000}
PRODUITS_DIALYSE = 5_000_000
CROISSANCE_PRODUITS = 0.025
ENVELOPPE_PAR_SITE_2022 = 11_000
CROISSANCE_ENVELOPPE = 0.03
SEUIL_LISTE_EN_SUS = 500_000  # calage : seed 001, dépenses 2019 de la liste en sus > 500 000 €
REFUS_PAR_SITE = 1 / 300  # un refus par régime pour 300 sites (synthétique)
LISTE_EN_SUS_CIBLES = {"mco_public": 29, "mco_prive": 37}  # seed 001 : 66 ES (29 publics, 37 privés)


@dataclass
class Base:
    """La structure d'une population, que chaque thème complète."""

    ids: np.ndarray
    entite_juridique: np.ndarray
    region: np.ndarray
    categorie: np.ndarray
    statut: np.ndarray
    est_chu: np.ndarray
    est_clcc: np.ndarray
    autorisation_traitement_cancer: np.ndarray
    taille: np.ndarray
    lits_mco: np.ndarray
    lits_ssr: np.ndarray
    lits_psy: np.ndarray
    places_had: np.ndarray
    profil_cible: np.ndarray
    graine: int
    annees: tuple[int, ...] = ANNEES
    colonnes: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.ids)

    def rng(self, theme: str) -> np.random.Generator:
        """Un flux aléatoire par thème : ajouter un thème ne change pas les autres."""
        graine = int.from_bytes(hashlib.sha256(f"{self.graine}:{theme}".encode()).digest()[:8], "little")
        return np.random.default_rng(graine)

    def est(self, *categories: str) -> np.ndarray:
        return np.isin(self.categorie, categories)


def _composition(n: int | None) -> list[tuple[str, int, int]]:
    if n is None:
        return list(COMPOSITION_OCCITANIE)
    total = sum(c + a for _, c, a in COMPOSITION_OCCITANIE) + SITES_SECONDAIRES_PUBLICS
    facteur = n / total
    return [(cat, round(c * facteur), round(a * facteur)) for cat, c, a in COMPOSITION_OCCITANIE]


def structure(n: int | None = None, graine: int = GRAINE, prefixe: str = "OCC") -> Base:
    """Sites, entités juridiques, catégories. `n=None` : l'Occitanie des seeds ; sinon N sites en France."""
    rng = np.random.default_rng(graine)
    composition = _composition(n)
    categorie = np.concatenate([np.repeat(cat, c + a) for cat, c, a in composition])
    profil = np.concatenate([np.r_[np.ones(c, bool), np.zeros(a, bool)] for _, c, a in composition])
    total = len(categorie)
    secondaires = SITES_SECONDAIRES_PUBLICS if n is None else round(SITES_SECONDAIRES_PUBLICS * n / 300)
    cibles_publics = np.flatnonzero((categorie == "mco_public") & profil)
    rattachement = rng.choice(cibles_publics, size=min(secondaires, len(cibles_publics) * 3))
    categorie = np.r_[categorie, np.repeat("mco_public", len(rattachement))]
    profil = np.r_[profil, np.zeros(len(rattachement), bool)]
    total = len(categorie)
    ids = np.char.add(f"SYN-{prefixe}-", np.char.zfill(np.arange(1, total + 1).astype(str), 6))
    public = np.char.endswith(categorie, "_public") | np.isin(categorie, ("had", "had_sans_pui", "dialyse")) & (
        rng.random(total) < 0.5
    )
    statut = np.where(public, np.where(rng.random(total) < 0.25, "espic", "public"), "prive_lucratif")
    # Entité juridique : un site principal par EJ ; les sites secondaires rejoignent l'EJ d'un site ciblé.
    ej = np.char.add(f"SYN-EJ-{prefixe}-", np.char.zfill(np.arange(1, total + 1).astype(str), 6))
    ej[len(ej) - len(rattachement):] = ej[rattachement]
    statut[len(ej) - len(rattachement):] = statut[rattachement]
    taille = rng.lognormal(0.0, 0.6, total)
    est_chu = np.zeros(total, bool)
    chu = cibles_publics[: max(1, round(CHU * total / 300))] if len(cibles_publics) else cibles_publics
    est_chu[chu] = True
    statut[chu] = "public"
    est_chu[np.isin(ej, ej[chu])] = True
    taille[est_chu] *= 6
    est_clcc = np.zeros(total, bool)
    clcc = cibles_publics[len(chu): len(chu) + max(1, round(CLCC * total / 300))]
    est_clcc[clcc] = True
    statut[clcc] = "espic"
    region = _regions(n, total, rng)
    mco = np.char.startswith(categorie, "mco")
    cancer = est_chu | est_clcc | (mco & (rng.random(total) < 0.45 * np.minimum(taille, 2)))
    lits = np.array([LITS_PAR_CATEGORIE[c] for c in np.unique(categorie)])[np.unique(categorie, return_inverse=True)[1]]
    lits = np.maximum(np.round(lits * taille), 5 * (lits > 0)).astype(np.int64)
    famille = np.char.partition(categorie, "_")[:, 0]
    return Base(
        ids=ids, entite_juridique=ej, region=region, categorie=categorie, statut=statut,
        est_chu=est_chu, est_clcc=est_clcc, autorisation_traitement_cancer=cancer, taille=taille,
        lits_mco=np.where(famille == "mco", lits, 0), lits_ssr=np.where(famille == "ssr", lits, 0),
        lits_psy=np.where(famille == "psy", lits, 0), places_had=np.where(famille == "had", lits, 0),
        profil_cible=profil, graine=graine,
    )


def _regions(n: int | None, total: int, rng: np.random.Generator) -> np.ndarray:
    if n is None:
        return np.full(total, "occitanie")
    noms = np.array(list(REGIONS_METROPOLE))
    poids = np.array(list(REGIONS_METROPOLE.values()))
    return rng.choice(noms, size=total, p=poids / poids.sum())


def _serie(base: Base, rng: np.random.Generator, niveau: np.ndarray, croissance: float, bruit: float) -> dict[int, np.ndarray]:
    """Une série annuelle : niveau de 2019 × (1 + croissance)^(année − 2019) × bruit lognormal."""
    return {
        annee: niveau * (1 + croissance) ** (annee - 2019) * rng.lognormal(0.0, bruit, base.n)
        for annee in base.annees
    }


def colonnes_coeur(base: Base) -> dict[str, np.ndarray]:
    """Identité, capacités, financements, liste en sus, enveloppe régionale."""
    rng = base.rng("coeur")
    colonnes: dict[str, np.ndarray] = {
        "etablissement": base.ids,
        "entite_juridique": base.entite_juridique,
        "region": base.region,
        "categorie_etablissement": base.categorie,
        "statut_juridique": base.statut,
        "est_chu": base.est_chu.astype(int),
        "est_clcc": base.est_clcc.astype(int),
        "autorisation_traitement_cancer": base.autorisation_traitement_cancer.astype(int),
    }
    for nom in ("lits_mco", "lits_ssr", "lits_psy", "places_had"):
        valeurs = getattr(base, nom)
        colonnes.update({f"{nom}_{annee}": valeurs for annee in base.annees})
    produits_2019 = (
        base.lits_mco * PRODUITS_PAR_LIT["mco"] + base.lits_ssr * PRODUITS_PAR_LIT["ssr"]
        + base.lits_psy * PRODUITS_PAR_LIT["psy"] + base.places_had * PRODUITS_PAR_LIT["had"]
        + base.est("dialyse") * PRODUITS_DIALYSE * base.taille
    )
    produits = _serie(base, rng, produits_2019, CROISSANCE_PRODUITS, 0.03)
    part_totale = rng.uniform(1.02, 1.15, base.n)
    liste_en_sus = _liste_en_sus(base, rng)
    for annee in base.annees:
        colonnes[f"produits_assurance_maladie_{annee}"] = np.round(produits[annee], 2)
        colonnes[f"financement_assurance_maladie_total_{annee}"] = np.round(produits[annee] * part_totale, 2)
        colonnes[f"depense_liste_en_sus_{annee}"] = np.round(liste_en_sus[annee], 2)
        colonnes[f"produits_liste_en_sus_part_assurance_maladie_{annee}"] = np.round(liste_en_sus[annee], 2)
    colonnes.update(_enveloppes(base))
    colonnes.update(_refus(base, rng))
    return colonnes


def _refus(base: Base, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Quelques refus de signer (synthétiques) : un site de chaque régime, tiré au sort, refuse une fois,
    l'année de la proposition (2018, 2022 : caqes.refus_signature.annee_proposition) ; un refus est un
    événement, il n'est pas répété chaque année sans contrat."""
    refus = {annee: np.zeros(base.n, dtype=np.int8) for annee in base.annees}
    regimes = ((2018, ~base.profil_cible & base.est("ssr_prive", "psy_prive")),
               (2022, base.profil_cible & base.est("mco_prive")))
    for annee_proposition, eligibles in regimes:  # deux régimes, pas une boucle sur les établissements
        candidats = np.flatnonzero(eligibles)
        choisis = rng.choice(candidats, size=max(1, round(REFUS_PAR_SITE * base.n)), replace=False)
        refus[annee_proposition][choisis] = 1
    return {f"refus_signature_{annee}": valeurs for annee, valeurs in refus.items()}

def _liste_en_sus(base: Base, rng: np.random.Generator) -> dict[int, np.ndarray]:
    """Calée pour que les sites ciblés dépassent 500 000 € en 2019 (seed 001 : 29 publics, 37 privés)."""
    niveau = np.zeros(base.n)
    for categorie, nombre in LISTE_EN_SUS_CIBLES.items():
        cibles = np.flatnonzero((base.categorie == categorie) & base.profil_cible)
        retenus = rng.permutation(cibles)[: round(nombre * len(cibles) / _cibles_occitanie(categorie))]
        autres = np.flatnonzero(base.categorie == categorie)
        niveau[autres] = SEUIL_LISTE_EN_SUS * rng.uniform(0.05, 0.9, len(autres))
        niveau[retenus] = SEUIL_LISTE_EN_SUS * (1.1 + rng.lognormal(0.5, 0.8, len(retenus)) * base.taille[retenus])
    niveau[base.est("had")] = SEUIL_LISTE_EN_SUS * rng.uniform(0.0, 0.3, base.est("had").sum())
    serie = _serie(base, rng, niveau, 0.05, 0.04)
    serie[2019] = niveau
    return serie


def _cibles_occitanie(categorie: str) -> int:
    return dict((cat, c) for cat, c, _ in COMPOSITION_OCCITANIE)[categorie]


def _enveloppes(base: Base) -> dict[str, np.ndarray]:
    """Enveloppe régionale synthétique, répétée sur chaque ligne de la région."""
    regions, rang, sites = np.unique(base.region, return_inverse=True, return_counts=True)
    colonnes = {}
    for annee in base.annees:
        montant = np.floor(ENVELOPPE_PAR_SITE_2022 * sites * (1 + CROISSANCE_ENVELOPPE) ** (annee - 2022))
        colonnes[f"enveloppe_regionale_{annee}"] = np.where(annee >= 2022, montant, 0)[rang].astype(np.int64)
    return colonnes


def generer(n: int | None = None, graine: int = GRAINE, themes: tuple[str, ...] = THEMES) -> pd.DataFrame:
    """La population : l'Occitanie des seeds (`n=None`) ou N sites sur les 13 régions métropolitaines."""
    base = structure(n, graine, "OCC" if n is None else "FR")
    base.colonnes.update(colonnes_coeur(base))
    for theme in themes:  # un thème peut lire les colonnes des thèmes qui le précèdent
        module = importlib.import_module(f"openfisca_caqes.population.generation.{theme}")
        base.colonnes.update(module.generer(base))
    return pd.DataFrame(base.colonnes)


def ciblages_attendus(themes: tuple[str, ...] = THEMES) -> list[tuple[str, int, int, str]]:
    """Les effectifs ciblés que rapportent les seeds, thème par thème."""
    attendus = []
    for theme in themes:
        module = importlib.import_module(f"openfisca_caqes.population.generation.{theme}")
        attendus.extend(module.CIBLAGES_ATTENDUS)
    return attendus
