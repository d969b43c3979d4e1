"""Le plancher du calcul du régime 2018 (année évaluée 2019), en numpy seul : volet obligatoire, volets additionnels, sanctions, refus.

Même loi que `variables/caqes/contrat_2018/` et les variables communes qu'en tire la colonne 2018
de la comparaison : grille d'engagement de six parties (points, bonus), indicateurs NC ou NM par
catégorie ou par l'activité et leurs points répartis sur les autres indicateurs (à parts égales
ou au prorata), score sur cent points et points bonus ; sanction du volet obligatoire selon le
score (barème interprété), volets additionnels transports et pertinence (objectif d'évolution de
la dépense, économies, intéressement plafonné, sanction plafonnée par volet, modulation), total
des sanctions plafonné pour l'ensemble des volets ou écarté par le DG ARS ; refus de signer (1 %
des produits N-1, ou 30 % de la liste en sus) et `sous_contrat`. Mêmes données, mêmes types de
stockage (float64, int64) : les nombres doivent être IDENTIQUES à la colonne 2018 de
`comparaison.comparer` (`tests/banc/test_plancher_2018.py` et le banc le vérifient).

Écrit indépendamment des formules : la matrice des exclusions (indicateurs × établissements,
booléens) est construite une fois ; les sommes sur les indicateurs se font indicateur par
indicateur (une ligne de n nombres à la fois, au lieu des matrices flottantes du paquet), dans
l'ordre de la grille, ce qui rend les mêmes nombres que la somme numpy par colonnes
(`somme(axis=0)` additionne les lignes une à une dès deux établissements ; pour un seul, numpy
somme par paires : le plancher le fait alors aussi). Les plafonds exacts ⌊taux × produits⌋ : le
quotient en flottants, repris par `plancher_2027.plafond_exact` (produit en `longdouble`) à moins de
2^-50 d'un entier (`plafond_euros`), autre méthode que le paquet (mantisse et exposant en entiers).
Le chargeur refuse une colonne de variable calculée (hors `ciblage_*`, absentes de ce régime) : tout
ce que le plancher calcule vient donc des données d'entrée.

Les valeurs des paramètres sont lues dans la loi par `preparer` (hors mesure) ; `calculer` ne fait
que le calcul, pour chaque établissement (rien n'est sauté).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from benchmarks.plancher_2025 import Donnees, donnees_du_tableau
from benchmarks.plancher_2027 import plafond_exact
from openfisca_caqes.montants import arrondi_euro

ANNEE = 2019
# Les formules du régime 2018 valent de 2018 à 2021 (formula_2018_01_01 ; formula_2022_01_01 les annule).
ANNEES_REGIME = range(2018, 2022)
VOLETS = ("transports", "pertinence")

# Les sorties comparées à la colonne 2018 de `comparaison.comparer` (mêmes noms, `plancher_2025.ecarts`).
SORTIES = (
    "interessement", "penalite", "solde", "produits_reference", "dans_champ",
    "interessement_national", "interessement_regional", "interessement_regional_verse",
    "penalite_refus_signature", "penalite_non_atteinte", "score_volet_obligatoire",
    "ifep_dotation_complementaire", "ifep_penalite", "ifep_plafond_penalite",
)
# Variables des régimes suivants, sans formule avant 2022 (2026, 2027) : nulles pendant le régime 2018.
SORTIES_DES_AUTRES_REGIMES = (
    "interessement_national", "interessement_regional", "interessement_regional_verse",
    "ifep_dotation_complementaire", "ifep_penalite", "ifep_plafond_penalite",
)

# Ce que le dernier calcul a rencontré : exclusions, sanctions, plafonds atteints, intéressements, refus.
STATISTIQUES: dict = {}


@dataclass
class Regles:
    """Les paramètres du régime 2018 lus dans la loi (hors mesure) : grille, barèmes, plafonds, refus."""

    annee: int
    codes: list  # indicateurs de la grille, parties triées puis codes triés (l'ordre des sommes)
    points: np.ndarray  # float64, un par indicateur
    bonus: np.ndarray  # bool, un par indicateur
    exclus_par_categorie: np.ndarray  # bool (indicateurs × catégories) : NC ou NM par la catégorie
    drapeaux: dict  # variable d'activité -> indices des indicateurs qu'elle rend NC
    total: float  # points notés sur cent (hors bonus)
    proportionnelle: bool
    penalites: dict
    volets: dict
    refus: dict
    annees_contrat: tuple  # années où un refus prive de contrat l'année évaluée


def preparer(systeme, tableau, annee: int = ANNEE) -> tuple[Donnees, Regles]:
    """Colonnes typées (comme le chargeur : types OpenFisca) et paramètres du régime 2018. Hors mesure."""
    if annee not in ANNEES_REGIME:
        raise NotImplementedError(f"plancher 2018 : année évaluée {annee} hors du régime (2018 à 2021)")
    p = systeme.parameters(f"{annee}-01-01").caqes
    grille = p.contrat_2018.volet_obligatoire.grille
    indicateurs = [(code, grille[partie][code]) for partie in sorted(grille) for code in sorted(grille[partie])]
    codes = [code for code, _ in indicateurs]
    categories = systeme.variables["categorie_etablissement"].possible_values._member_names_
    exclus_par_categorie = np.array([
        [nom in set(ind.non_concerne) | set(ind.non_mesurable) for nom in categories] for _, ind in indicateurs
    ], dtype=bool).reshape(len(indicateurs), len(categories))
    drapeaux: dict = {}
    for i, (_, ind) in enumerate(indicateurs):
        for nom in ind.non_concerne_si:
            drapeaux.setdefault(nom, []).append(i)
    points = np.array([float(ind.points) for _, ind in indicateurs])
    bonus = np.array([bool(ind.bonus) for _, ind in indicateurs])
    contrat = p.contrat_2018
    bareme = contrat.penalites.volet_obligatoire
    penalites = {
        "sans": bareme.score_sans_penalite,
        "maximale": bareme.score_penalite_maximale,
        "taux": min(bareme.taux_maximal, contrat.penalites.plafond_par_volet),
        "bonus": bareme.bonus_pris_en_compte,
        "plafond_volet": contrat.penalites.plafond_par_volet,
        "plafond_volet_exact": Fraction(str(contrat.penalites.plafond_par_volet)),
        "plafond_ensemble_exact": Fraction(str(contrat.penalites.plafond_ensemble_volets)),
        "annee_produits": annee - int(contrat.penalites.decalage_exercice_clos),
    }
    volets = {
        "plafond_interessement": contrat.volets_additionnels.plafond_interessement,
        "par_rapport_a_objectif": bool(contrat.volets_additionnels.economies_par_rapport_a_objectif),
    }
    refus = {"taux": p.refus_signature.taux, "taux_liste_en_sus": p.refus_signature.taux_reduction_liste_en_sus}
    debut = int(p.refus_signature.annee_proposition)
    regles = Regles(
        annee=annee, codes=codes, points=points, bonus=bonus, exclus_par_categorie=exclus_par_categorie,
        drapeaux={nom: np.array(lignes) for nom, lignes in sorted(drapeaux.items())},
        total=float((points[:, np.newaxis] * ~bonus[:, np.newaxis]).sum()),
        proportionnelle=bool(contrat.volet_obligatoire.repartition_proportionnelle),
        penalites=penalites, volets=volets, refus=refus, annees_contrat=tuple(range(debut, annee + 1)),
    )
    return donnees_du_tableau(systeme, tableau), regles


# --- le calcul (mesuré) ----------------------------------------------------------------------------

def plafond_euros(taux: Fraction, assiette) -> np.ndarray:
    """⌊taux × assiette⌋ exactement : le quotient en flottants, sauf à moins de 2^-50 (relatif) d'un entier, repris exactement.

    x = assiette × numérateur / dénominateur calculé en float64 s'écarte du quotient exact de moins
    de x·2^-51 (deux arrondis) : loin d'un entier, ⌊x⌋ est exact. Les cas douteux (quotient entier ou
    presque, quotient ≥ 2^50) passent par `plancher_2027.plafond_exact`. Assiette ≥ 2^52 € : hors du plancher.
    """
    assiette = np.maximum(np.asarray(assiette, dtype=np.float64), 0.0)
    if (assiette >= 2.0**52).any():
        raise NotImplementedError("plafond exact : assiette ≥ 2^52 euros, hors du plancher")
    quotient = assiette * taux.numerator / taux.denominator
    entier = np.floor(quotient)
    marge = quotient * 2.0**-50 + 2.0**-60
    douteux = (quotient - entier < marge) | (entier + 1 - quotient < marge)
    resultat = entier.astype(np.int64)
    if douteux.any():
        resultat[douteux] = plafond_exact(taux, assiette[douteux])
    return resultat


def _somme_des_lignes(terme, lignes, n: int) -> np.ndarray:
    """Σ sur les indicateurs `lignes` de terme(i) (n nombres), dans l'ordre : ce que rend numpy `matrice.sum(axis=0)`."""
    if n == 1:  # une seule colonne : numpy somme par paires
        return np.array([terme(i) for i in lignes]).sum(axis=0)
    somme = np.zeros(n)
    for i in lignes:  # les indicateurs de la grille (36), pas les établissements
        somme += terme(i)
    return somme


def _volet_obligatoire(d: Donnees, r: Regles, A: int, sous_contrat, produits, plafond_volet):
    """Score sur cent et sanction du volet obligatoire ; la matrice des exclusions (NC, NM), une fois."""
    n = d.n
    exclus = r.exclus_par_categorie[:, d("categorie_etablissement")]
    for nom, lignes in r.drapeaux.items():  # cinq données d'activité, pas les établissements
        exclus[lignes] |= d(nom, A)[np.newaxis, :]
    notes = np.flatnonzero(~r.bonus)
    lignes_bonus = np.flatnonzero(r.bonus)
    tous = range(len(r.codes))
    retenus = ~exclus  # notés sur cent : ni NC, ni NM, ni bonus
    retenus[lignes_bonus] = False
    points_notes = r.points * ~r.bonus

    def atteinte(i):
        return np.clip(d(f"atteinte_volet_obligatoire_{r.codes[i]}", A), 0, 1)

    # Indicateurs notés sur cent pour l'établissement, et les points des NC/NM à répartir sur eux.
    nombre = np.count_nonzero(retenus, axis=0).astype(np.int64)
    redistribues = _somme_des_lignes(lambda i: exclus[i] * points_notes[i], tous, n)
    if r.proportionnelle:
        restants = r.total - redistribues
        coefficient = np.where(restants > 0, r.total / np.where(restants > 0, restants, 1), 0)

        def poids(i):
            return r.points[i] * coefficient
    else:
        part_egale = np.where(nombre > 0, redistribues / np.maximum(nombre, 1), 0)

        def poids(i):
            return r.points[i] + part_egale

    score = _somme_des_lignes(lambda i: retenus[i] * poids(i) * atteinte(i), tous, n)
    points_bonus = _somme_des_lignes(lambda i: ~exclus[i] * r.points[i] * atteinte(i), lignes_bonus, n)

    # Sanction : barème linéaire entre les deux scores, dans le plafond par volet, sous contrat.
    pen = r.penalites
    manque = (pen["sans"] - (score + pen["bonus"] * points_bonus)) / (pen["sans"] - pen["maximale"])
    taux = pen["taux"] * np.clip(manque, 0, 1)
    penalite = (sous_contrat * np.minimum(arrondi_euro(taux * produits), plafond_volet)).astype(np.int64)
    STATISTIQUES.update(
        etablissements_avec_exclusions=int(np.count_nonzero(nombre < len(notes))),
        sanctions_volet_obligatoire=int(np.count_nonzero(penalite)),
        sanctions_volet_obligatoire_au_plafond=int(np.count_nonzero((penalite == plafond_volet) & (penalite > 0))),
    )
    return score, penalite


def _volet_additionnel(d: Donnees, r: Regles, A: int, volet: str, sous_contrat, produits, plafond_volet):
    """Intéressement et sanction d'un volet additionnel (transports ou pertinence) : objectif d'évolution de la dépense."""
    if volet == "transports":  # le champ du volet : ambulance + transports assis
        def depense(annee):
            return d("depense_transport_ambulance", annee) + d("depense_transport_assis", annee)
    else:
        def depense(annee):
            return d(f"depense_volet_additionnel_{volet}", annee)

    courante, precedente = depense(A), depense(A - 1)
    attendue = precedente * (1 + d(f"taux_evolution_cible_volet_additionnel_{volet}", A))
    atteint = courante <= attendue
    economie = (attendue if r.volets["par_rapport_a_objectif"] else precedente) - courante
    modulation = np.clip(d(f"coefficient_modulation_volet_additionnel_{volet}", A), 0, 1)
    en_vigueur = d(f"volet_additionnel_{volet}_signe", A) & sous_contrat
    taux_interessement = np.minimum(d(f"taux_interessement_volet_additionnel_{volet}", A), r.volets["plafond_interessement"])
    interessement = (en_vigueur & atteint) * arrondi_euro(taux_interessement * np.maximum(economie, 0) * modulation)
    taux_penalite = np.minimum(d(f"taux_penalite_volet_additionnel_{volet}", A), r.penalites["plafond_volet"])
    penalite = (en_vigueur & ~atteint) * np.minimum(arrondi_euro(taux_penalite * produits * modulation), plafond_volet)
    return interessement.astype(np.int64), penalite.astype(np.int64)


def calculer(d: Donnees, r: Regles) -> dict[str, np.ndarray]:
    """Les résultats du régime 2018 de l'année évaluée (2019) pour chaque établissement (numpy seul)."""
    A, n = r.annee, d.n
    STATISTIQUES.clear()
    refus_periode = sum(d("refus_signature", annee).astype(np.int64) for annee in r.annees_contrat)  # au plus quatre années
    sous_contrat = refus_periode == 0
    produits = d("produits_assurance_maladie", r.penalites["annee_produits"])  # dernier exercice clos au prononcé
    plafond_volet = plafond_euros(r.penalites["plafond_volet_exact"], produits)

    score, penalite_obligatoire = _volet_obligatoire(d, r, A, sous_contrat, produits, plafond_volet)
    interessements, penalites = {}, {}
    for volet in VOLETS:
        interessements[volet], penalites[volet] = _volet_additionnel(d, r, A, volet, sous_contrat, produits, plafond_volet)

    # Sanctions des trois volets : plafond de l'ensemble, écartées par le DG ARS.
    total = penalite_obligatoire + penalites["transports"] + penalites["pertinence"]
    maximum = plafond_euros(r.penalites["plafond_ensemble_exact"], produits)
    penalite_non_atteinte = (~d("sanction_non_atteinte_ecartee", A) * np.minimum(total, maximum)).astype(np.int64)

    # Refus de signer : 1 % des produits N-1, ou 30 % de la part assurance maladie de la liste en sus N-1.
    alternative = d("sanction_refus_liste_en_sus", A)
    sur_produits = r.refus["taux"] * d("produits_assurance_maladie", A - 1)
    sur_liste_en_sus = r.refus["taux_liste_en_sus"] * d("produits_liste_en_sus_part_assurance_maladie", A - 1)
    montant_refus = arrondi_euro(alternative * sur_liste_en_sus + (1 - alternative) * sur_produits)
    penalite_refus = (d("refus_signature", A) * montant_refus).astype(np.int64)

    interessement = (interessements["transports"] + interessements["pertinence"]).astype(np.int64)
    penalite = (penalite_refus + penalite_non_atteinte).astype(np.int64)
    STATISTIQUES.update(
        hors_contrat=int(np.count_nonzero(~sous_contrat)),
        refus_sanctionnes=int(np.count_nonzero(penalite_refus)),
        sanctions_non_atteinte=int(np.count_nonzero(penalite_non_atteinte)),
        sanctions_au_plafond_ensemble=int(np.count_nonzero(total > maximum)),
        interessements_volets=int(np.count_nonzero(interessement)),
        sanctions_volets=int(np.count_nonzero(penalites["transports"]) + np.count_nonzero(penalites["pertinence"])),
    )
    zeros = np.zeros(n, dtype=np.int64)
    resultats = {nom: zeros for nom in SORTIES_DES_AUTRES_REGIMES}
    resultats.update({
        "interessement": interessement,
        "penalite": penalite,
        "solde": (interessement - penalite).astype(np.int64),
        "produits_reference": d("produits_assurance_maladie", A - 1).astype(np.float64),
        "dans_champ": np.ones(n, dtype=bool),  # le régime 2018 s'applique à tous les établissements
        "penalite_refus_signature": penalite_refus,
        "penalite_non_atteinte": penalite_non_atteinte,
        "score_volet_obligatoire": score,
    })
    return resultats
