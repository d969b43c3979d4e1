"""Simuler l'usage de l'enveloppe régionale fermée : des tirages des intéressements gagnés.

Modèle des tirages (documenté dans docs/comparaison.md). Pour l'établissement i et le tirage k,
l'intéressement régional gagné est

    D_ik = d_i × C_k × E_ik,   C_k = exp(σ_c·Z_k − σ_c²/2),   E_ik = exp(σ·Z_ik − σ²/2),

où d_i est l'intéressement régional que la loi calcule sur les données de l'année (le centre :
il porte la tendance observée de l'établissement), C_k un choc commun à la région (une bonne ou
une mauvaise année pour tous) et E_ik un aléa propre à l'établissement ; Z ~ N(0, 1)
indépendants. Les deux facteurs lognormaux ont une espérance de 1 : E[D_ik] = d_i. Un
établissement qui ne gagne rien (d_i = 0 : non ciblé, objectif manqué) reste à 0.

Chaque tirage est une région fermée : les montants versés sont répartis par
`openfisca_caqes.repartition.repartir` — la règle de la loi (prorata, plafond par établissement,
répartition intégrale : paramètres `caqes.enveloppe_regionale` de l'année de performance) — avec
pour groupes les tirages. Tous les tirages d'un bloc sont calculés d'un coup (matrice tirages ×
établissements) ; les blocs ne servent qu'à borner la mémoire et à faire avancer la barre.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np
import pandas as pd

from openfisca_caqes.repartition import repartir

DISPERSION_ETABLISSEMENT = 0.30  # σ : ±30 % environ d'une année sur l'autre pour un établissement
DISPERSION_COMMUNE = 0.10  # σ_c : ±10 % environ pour toute la région (effet d'année)
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
CELLULES_PAR_BLOC = 2_000_000  # tirages × établissements par bloc (≈ 16 Mo par matrice float64)
TIRAGES_AVEC_BARRE = 2_000  # barre de progression au-delà (sur la sortie d'erreur)
ECART_NORMAL_MAXIMAL = 40.0  # |Z| tiré par numpy (ziggurat, flottants 64 bits) reste très en deçà
LOG_FLOTTANT_MAXIMAL = float(np.log(np.finfo(np.float64).max))  # exp() au-delà : infini


@dataclass
class ResultatEnveloppe:
    """La distribution de l'usage de l'enveloppe sur les tirages."""

    montant: int
    tirages: int
    graine: int
    dispersion: float
    dispersion_commune: float
    centre: np.ndarray  # d_i (euros gagnés, loi appliquée aux données)
    demandes_totales: np.ndarray  # (tirages,) int64 : Σ_i D_ik arrondis à l'euro
    verses_totaux: np.ndarray  # (tirages,) int64 : Σ_i versé_ik
    verses: np.ndarray  # (tirages, établissements) int32 (un versement tient dans 2,1 milliards)
    reduits: np.ndarray  # (tirages, établissements) bool : versé < gagné

    @property
    def taux_utilisation(self) -> np.ndarray:
        return self.verses_totaux / self.montant if self.montant > 0 else np.zeros(self.tirages)

    @property
    def coefficient(self) -> np.ndarray:
        """Versé / gagné, par tirage (1 : tout est payé)."""
        demandes = self.demandes_totales.astype(np.float64)
        return np.divide(self.verses_totaux, demandes, out=np.ones(self.tirages), where=demandes > 0)

    @property
    def probabilite_reduction(self) -> float:
        """Part des tirages où les intéressements gagnés dépassent l'enveloppe."""
        return float(np.mean(self.demandes_totales > self.montant))

    def synthese(self) -> pd.DataFrame:
        lignes = [
            ("Enveloppe (€)", float(self.montant)),
            ("Tirages", float(self.tirages)),
            ("Intéressements gagnés au centre (€)", float(self.centre.sum())),
            ("Probabilité de réduction au prorata", self.probabilite_reduction),
            ("Versé moyen (€)", float(self.verses_totaux.mean())),
            ("Taux d'utilisation moyen", float(self.taux_utilisation.mean())),
            ("Reliquat moyen (€)", float(self.montant - self.verses_totaux.mean())),
        ]
        for q in QUANTILES:
            centile = f"{round(q * 100)} %"
            lignes.append((f"Gagné, quantile {centile} (€)", float(np.quantile(self.demandes_totales, q))))
        for q in QUANTILES:
            centile = f"{round(q * 100)} %"
            lignes.append((f"Versé, quantile {centile} (€)", float(np.quantile(self.verses_totaux, q))))
        for q in QUANTILES:
            centile = f"{round(q * 100)} %"
            lignes.append((f"Taux d'utilisation, quantile {centile}", float(np.quantile(self.taux_utilisation, q))))
        for q in QUANTILES:
            centile = f"{round(q * 100)} %"
            lignes.append((f"Coefficient versé/gagné, quantile {centile}", float(np.quantile(self.coefficient, q))))
        return pd.DataFrame(lignes, columns=["Indicateur", "Valeur"])

    def synthese_lisible(self) -> pd.DataFrame:
        """La synthèse, valeurs écrites en français (euros, pourcentages) pour l'écran et la page HTML."""
        tableau = self.synthese()
        tableau["Valeur"] = [lisible(indicateur, valeur) for indicateur, valeur in zip(tableau["Indicateur"], tableau["Valeur"])]
        return tableau

    def par_etablissement(self, identite: pd.DataFrame) -> pd.DataFrame:
        tableau = identite.reset_index(drop=True).copy()
        tableau["Gagné au centre (€)"] = np.asarray(self.centre, dtype=np.int64)
        tableau["Versement espéré (€)"] = np.round(self.verses.mean(axis=0)).astype(np.int64)
        tableau["Versé, quantile 5 % (€)"] = np.quantile(self.verses, 0.05, axis=0).round().astype(np.int64)
        tableau["Versé, quantile 95 % (€)"] = np.quantile(self.verses, 0.95, axis=0).round().astype(np.int64)
        tableau["Probabilité d'être réduit"] = self.reduits.mean(axis=0)
        return tableau

    def par_tirage(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "Tirage": np.arange(1, self.tirages + 1),
                "Gagné (€)": self.demandes_totales,
                "Versé (€)": self.verses_totaux,
                "Reliquat (€)": self.montant - self.verses_totaux,
                "Taux d'utilisation": self.taux_utilisation,
                "Coefficient versé/gagné": self.coefficient,
            }
        )


def lisible(indicateur: str, valeur: float) -> str:
    if "(€)" in indicateur:
        return f"{valeur:,.0f} €".replace(",", " ")
    if indicateur.startswith(("Probabilité", "Taux", "Coefficient")):
        return f"{valeur * 100:.1f} %".replace(".", ",")
    return f"{valeur:,.0f}".replace(",", " ")


def tirer(centre: np.ndarray, tirages: int, rng: np.random.Generator, dispersion: float, dispersion_commune: float) -> np.ndarray:
    """Les intéressements gagnés tirés (tirages × établissements), d'espérance `centre`."""
    commun = facteurs(rng.standard_normal((tirages, 1)), dispersion_commune)
    propre = facteurs(rng.standard_normal((tirages, len(centre))), dispersion)
    return np.asarray(centre, dtype=np.float64)[np.newaxis, :] * commun * propre


def facteurs(normales: np.ndarray, dispersion: float) -> np.ndarray:
    """exp(σZ − σ²/2) : des facteurs lognormaux d'espérance 1."""
    return np.exp(dispersion * normales - dispersion**2 / 2)


def simuler(
    centre,
    montant: int,
    tirages: int,
    graine: int = 0,
    dispersion: float = DISPERSION_ETABLISSEMENT,
    dispersion_commune: float = DISPERSION_COMMUNE,
    plafond_part: float = 1.0,
    integrale: bool = False,
    progression: bool | None = None,
) -> ResultatEnveloppe:
    """Tire `tirages` années de résultats et répartit l'enveloppe dans chacune, tous tirages d'un bloc ensemble."""
    from tqdm import tqdm  # import tardif : la barre de progression n'est chargée que si elle s'affiche

    centre = np.maximum(np.asarray(centre, dtype=np.float64), 0.0)
    nombre = len(centre)
    montant = int(montant)
    # Deux flux issus de la graine : les chocs communs d'abord, puis les aléas propres bloc après
    # bloc ; le résultat ne dépend donc pas de la taille des blocs.
    flux_commun, flux_propre = (np.random.default_rng(s) for s in np.random.SeedSequence(graine).spawn(2))
    communs = facteurs(flux_commun.standard_normal((tirages, 1)), dispersion_commune)
    taille_bloc = max(1, CELLULES_PAR_BLOC // max(nombre, 1))
    verses = np.zeros((tirages, nombre), dtype=np.int32)
    reduits = np.zeros((tirages, nombre), dtype=bool)
    demandes_totales = np.zeros(tirages, dtype=np.int64)
    actifs = np.flatnonzero(_gagnants_possibles(centre, dispersion, dispersion_commune, plafond_part * montant))
    gagnants = len(actifs)
    afficher = tirages >= TIRAGES_AVEC_BARRE if progression is None else progression
    barre = tqdm(total=tirages, desc="tirages", unit="tirage", file=sys.stderr, disable=not afficher, leave=False)
    with barre:
        for debut in range(0, tirages, taille_bloc):  # blocs de tirages, pas d'établissements
            fin = min(tirages, debut + taille_bloc)
            bloc = fin - debut
            # Tous les aléas sont tirés (le flux ne dépend pas de qui gagne) ; seuls ceux des
            # établissements qui peuvent gagner servent.
            propres = facteurs(flux_propre.standard_normal((bloc, nombre)).take(actifs, axis=1), dispersion)
            gagne = np.floor(centre[actifs][np.newaxis, :] * communs[debut:fin] * propres + 0.5)
            demandes = gagne.sum(axis=1)  # des euros entiers : somme exacte, quel que soit l'ordre
            verse = gagne.copy()
            # Un tirage dont les gains tiennent dans l'enveloppe (et sous le plafond), sans répartition
            # intégrale, verse ce qui est gagné : `repartir` n'y changerait rien. Les autres y passent.
            a_repartir = ~((demandes <= montant) & (gagne.max(axis=1, initial=0) <= plafond_part * montant)) | integrale
            if a_repartir.any():
                lignes = np.flatnonzero(a_repartir)
                verse[lignes] = repartir(
                    gagne[lignes].ravel(),
                    np.repeat(np.arange(len(lignes)), gagnants),
                    np.full(len(lignes), montant, dtype=np.float64),
                    plafond=np.full(len(lignes) * gagnants, plafond_part * montant),
                    integrale=integrale,
                ).reshape(len(lignes), gagnants)
            verses[debut:fin, actifs] = verse
            reduits[debut:fin, actifs] = verse < gagne
            demandes_totales[debut:fin] = demandes.astype(np.int64)
            barre.update(bloc)
    return ResultatEnveloppe(
        montant=montant,
        tirages=tirages,
        graine=graine,
        dispersion=dispersion,
        dispersion_commune=dispersion_commune,
        centre=centre,
        demandes_totales=demandes_totales,
        verses_totaux=verses.sum(axis=1, dtype=np.int64),
        verses=verses,
        reduits=reduits,
    )


def _gagnants_possibles(centre: np.ndarray, dispersion: float, dispersion_commune: float, plafond: float) -> np.ndarray:
    """Les établissements dont le gain tiré peut être non nul : ceux dont le centre n'est pas nul.

    Un centre nul donne un gain nul à chaque tirage (0 × facteurs finis), donc un versé nul et
    aucune réduction : on ne calcule que les autres, avec les mêmes nombres. Tous sont gardés si
    un facteur pouvait être infini (σ·Z au-delà de ce que exp() représente) ou le plafond négatif
    ou infini, cas où le calcul complet fait foi.
    """
    if max(dispersion, dispersion_commune) * ECART_NORMAL_MAXIMAL < LOG_FLOTTANT_MAXIMAL and 0 <= plafond < np.inf:
        return centre != 0
    return np.ones(len(centre), dtype=bool)


def regles_enveloppe(systeme, annee: int) -> tuple[float, bool]:
    """Le plafond par établissement (part de l'enveloppe) et la répartition intégrale de l'année."""
    regles = systeme.parameters(f"{annee}-01-01").caqes.enveloppe_regionale
    return float(regles.plafond_part_enveloppe), bool(regles.repartition_integrale)


def annees(systeme, annee_performance: int | None, annee_caisse: int | None) -> tuple[int, int]:
    """(année de performance, année de caisse) : l'une donne l'autre par le délai de paiement."""
    if annee_performance is not None:
        delai = int(systeme.parameters(f"{annee_performance}-01-01").calendrier.delai_paiement)
        return annee_performance, annee_performance + delai
    delai = int(systeme.parameters(f"{annee_caisse}-01-01").calendrier.delai_paiement)
    return annee_caisse - delai, annee_caisse
