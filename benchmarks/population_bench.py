"""La population du banc d'essai : le générateur national, réduit aux colonnes que lisent les régimes.

Le générateur national (`openfisca_caqes.population.generation.generer(n)`) produit ~1 300
colonnes (toutes les variables d'entrée, 2016-2027). Les quatre régimes comparés (2018 évalué
2019, 2022, 2025, 2027) n'en lisent que ~300 : la liste est tirée de la trace du calcul
(`Comparaison.donnees_lues()`, la feuille « Données lues » de `caqes compare`) sur une petite
population, puis le générateur est appelé thème par thème et chaque thème réduit à ces colonnes
avant d'assembler le tableau. Les valeurs sont exactement celles de `generer(n)[colonnes]`
(mêmes appels, mêmes graines) ; le DataFrame complet n'est jamais assemblé.
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import pandas as pd

from openfisca_caqes.population import generation
from openfisca_caqes.population.schema import COLONNES_IDENTITE

REGIMES = {"2018": 2019, "2022": 2022, "2025": 2025, "2027": 2027}
N_DECOUVERTE = 2_000  # taille de la population qui sert à tracer les données lues
FORMAT_FLOTTANT = "%.2f"  # celui de scripts/generer_population.py


def colonnes_lues(n: int = N_DECOUVERTE) -> list[str]:
    """Les colonnes du fichier que lit la comparaison des quatre régimes (trace du calcul)."""
    from openfisca_caqes.comparaison import Colonne, comparer
    from openfisca_caqes.systeme import systeme_de_base

    systeme = systeme_de_base()
    tableau = generation.generer(n)
    colonnes = [(Colonne(libelle, annee), systeme) for libelle, annee in REGIMES.items()]
    comparaison = comparer(tableau, colonnes, "2018", tracer=True)
    lues = set()
    for evaluation in comparaison.evaluations:
        donnees = evaluation.donnees_lues
        for variable, periode in zip(donnees["variable"], donnees["periode_donnees"]):
            lues.add(variable if periode == "éternité" else f"{variable}_{periode}")
    lues |= set(PLANCHER_SUPPLEMENTAIRES)
    # La colonne de catégorie est toujours lue (identité de la comparaison).
    garder = [*COLONNES_IDENTITE, "categorie_etablissement"]
    garder += [colonne for colonne in tableau.columns if colonne in lues and colonne not in garder]
    return garder


# Colonnes que lit le plancher numpy du régime 2025 en plus (aucune : il lit les mêmes données).
PLANCHER_SUPPLEMENTAIRES: tuple[str, ...] = ()


def generer_reduite(n: int, colonnes: list[str]) -> pd.DataFrame:
    """`generation.generer(n)[colonnes]` : mêmes appels, mêmes graines, sans assembler le DataFrame complet.

    Un thème peut lire les colonnes des thèmes qui le précèdent (`base.colonnes`) : toutes restent
    donc disponibles pendant la génération (~8 octets × 1 300 colonnes par site) ; seul le tableau
    assemblé (et le fichier écrit) est réduit aux colonnes lues.
    """
    base = generation.structure(n, generation.GRAINE, "FR")
    base.colonnes.update(generation.colonnes_coeur(base))
    for theme in generation.THEMES:
        module = importlib.import_module(f"openfisca_caqes.population.generation.{theme}")
        base.colonnes.update(module.generer(base))
    manquantes = [colonne for colonne in colonnes if colonne not in base.colonnes]
    if manquantes:
        raise RuntimeError(f"colonnes absentes du générateur : {manquantes[:5]}")
    return pd.DataFrame({colonne: base.colonnes[colonne] for colonne in colonnes})


# Potentiels saisis qui font lier l'enveloppe d'Occitanie et plafonnent l'intéressement de chaque
# établissement (option --liante des bancs) : la somme des gagnés dépasse l'enveloppe.
POTENTIELS_LIANTS = {"montant_potentiel_conciliation_2025": 40_000.5, "montant_potentiel_analyse_pharmaceutique_2025": 25_000.0}


def ecrire_population(n: int, dossier: Path, colonnes: list[str], liante: bool = False) -> tuple[Path, dict]:
    """Génère la population de n sites et l'écrit en CSV (comme scripts/generer_population.py)."""
    debut = time.perf_counter()
    tableau = generer_reduite(n, colonnes)
    if liante:
        for colonne, valeur in POTENTIELS_LIANTS.items():
            tableau[colonne] = valeur
    generation_s = time.perf_counter() - debut
    chemin = Path(dossier) / f"population_{n}.csv"
    debut = time.perf_counter()
    tableau.to_csv(chemin, index=False, encoding="utf-8", float_format=FORMAT_FLOTTANT)
    ecriture_s = time.perf_counter() - debut
    infos = {
        "etablissements": len(tableau),
        "colonnes": tableau.shape[1],
        "octets": chemin.stat().st_size,
        "generation_s": generation_s,
        "ecriture_s": ecriture_s,
    }
    return chemin, infos
