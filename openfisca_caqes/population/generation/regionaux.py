"""Données synthétiques des indicateurs régionaux du CAQES 2022-2026 (Occitanie, Ile-de-France).

Colonnes annuelles 2016-2027 : activité PMSI (séjours des domaines ciblés, SSR, PSY), conciliations,
analyse pharmaceutique, entretiens pharmaceutiques, AAPP, molécules onéreuses, patients Perfadom et
pansements, HAD, AVC et PRADO, suivi des patients IC et BPCO, nombres de transports, chirurgie
ambulatoire ; et quelques colonnes permanentes (références transport S1 2024, option de chirurgie
ambulatoire, convention CPTS/MSP).

Calage : les effectifs ciblés de l'Occitanie reproduisent ceux des seeds. Le périmètre régional
du volet produits de santé est celui que fixe le cœur (liste en sus 2019 > 500 000 €, 66 sites) ;
on y choisit, en ordre de taille, les sites qui passent ou non chaque seuil de sous-indicateur sur
les données 2019, avec des marges qui tiennent en float32. Deux indicateurs reposent sur les
données des indicateurs nationaux (lues dans `base.colonnes` si le cœur y range les thèmes déjà
générés, sinon regénérées par le thème `nationaux`, déterministe) : le parcours
IC (ciblage national IC, réhospitalisations) et les transports (montants d'ambulance et de TAP).
Les seeds comptent des contrats ; on compte ici des sites (un site par contrat ciblé).

Ordres de grandeur inventés, plausibles (aucune source) : séjours de médecine de trois jours et
plus ≈ 9 à 14 par lit MCO public, coût moyen d'un transport 70 à 110 €, taux de chirurgie
ambulatoire 35 à 80 %, etc. (constantes ci-dessous). Tout est vectoriel ; le tirage est
déterministe (`base.rng("regionaux")`).
"""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd

import openfisca_caqes.systeme as systemes  # `systemes.systeme_de_base` lu à l'appel : les tests y substituent une loi d'essai
from openfisca_caqes.population.chargement import construire_simulation
from openfisca_caqes.population.generation import colonnes_coeur

SOURCE_001 = "ARS Occitanie, présentation du nouveau CAQES (fin 2021)"
SOURCE_000 = "ARS Occitanie 2024, avenant de prorogation"
COMPTE = "effectif du seed (contrats) compté ici en sites"
TABLEAU_2022 = f"{SOURCE_000}, « Rappel des indicateurs du CAQES 2022-2024 »"
TABLEAU_2025 = f"{SOURCE_000}, « Indicateurs du CAQES 2025-2026 »"

CIBLAGES_ATTENDUS: list[tuple[str, int, int, str]] = [
    ("ciblage_volet_regional_produits_sante", 2022, 66, f"{SOURCE_001}, « Etablissements concernés » : 66 établissements ciblés sur la partie régionale ; {COMPTE}"),
    ("ciblage_conciliation", 2022, 63, f"{SOURCE_001}, « Indicateur régional composite : Bon usage du médicament » : 63 ; {COMPTE}"),
    ("ciblage_analyse_pharmaceutique", 2022, 66, f"{SOURCE_001}, « Indicateur régional composite : Bon usage du médicament » : 66 ; {COMPTE}"),
    ("ciblage_entretiens_pharmaceutiques", 2022, 55, f"{SOURCE_001}, « Indicateur régional composite : Bon usage du médicament » : 55 ; {COMPTE}"),
    ("ciblage_aapp_mpi", 2022, 47, f"{SOURCE_001}, « Indicateur régional composite : Bon usage du médicament » : 47 ; {COMPTE}"),
    ("ciblage_suivi_liste_en_sus", 2022, 62, f"{SOURCE_001}, « Indicateur régional composite : Bon usage du médicament » : 62 ; {COMPTE}"),
    ("ciblage_aapp_perfadom", 2022, 41, f"{SOURCE_001}, « Indicateur régional composite : Bon usage des dispositifs médicaux » : 41 ; {COMPTE}"),
    ("ciblage_aapp_pansements", 2022, 41, f"{SOURCE_001}, « Indicateur régional composite : Bon usage des dispositifs médicaux » : 41 ; {COMPTE}"),
    ("ciblage_had", 2022, 29, f"{SOURCE_001}, « Indicateur régional : HAD » : 29 structures ; {COMPTE}"),
    ("ciblage_transport_vehicule_personnel", 2022, 16, f"{TABLEAU_2022} : 16 (seed 001 : 17) ; {COMPTE}"),
    ("ciblage_chirurgie_ambulatoire", 2022, 11, f"{SOURCE_001}, « Chirurgie ambulatoire » : 11 établissements ; {COMPTE}"),
    ("ciblage_parcours_avc", 2023, 7, f"{SOURCE_000}, « Indicateur Régional Parcours – Post AVC » : 7 établissements en 2023 ; {COMPTE}"),
    ("ciblage_parcours_avc", 2024, 9, f"{SOURCE_000}, « Indicateur Régional Parcours – Post AVC » : 9 depuis 2024 ; {COMPTE}"),
    ("ciblage_parcours_ic", 2024, 4, f"{SOURCE_000}, « Indicateur Régional Parcours - Insuffisance Cardiaque » : 4 établissements ; {COMPTE}"),
    ("ciblage_parcours_bpco", 2024, 8, f"{SOURCE_000}, « Indicateur Régional Parcours - BPCO » : 8 établissements ; {COMPTE}"),
    ("ciblage_parcours_soins", 2024, 17, f"{TABLEAU_2022} : parcours de soins (post-AVC, IC et BPCO) 17 ; {COMPTE}"),
    ("ciblage_conciliation", 2025, 60, f"{TABLEAU_2025} : 60 ; {COMPTE}"),
    ("ciblage_analyse_pharmaceutique", 2025, 63, f"{TABLEAU_2025} : 63 ; {COMPTE}"),
    ("ciblage_entretiens_pharmaceutiques", 2025, 54, f"{TABLEAU_2025} : 54 ; {COMPTE}"),
    ("ciblage_aapp_mpi", 2025, 46, f"{TABLEAU_2025} : 46 ; {COMPTE}"),
    ("ciblage_suivi_liste_en_sus", 2025, 59, f"{TABLEAU_2025} : 59 ; {COMPTE}"),
    ("ciblage_aapp_perfadom", 2025, 40, f"{TABLEAU_2025} : 40 ; {COMPTE}"),
    ("ciblage_aapp_pansements", 2025, 40, f"{TABLEAU_2025} : 40 ; {COMPTE}"),
    ("ciblage_had", 2025, 28, f"{TABLEAU_2025} : 28 ; {COMPTE}"),
    ("ciblage_parcours_soins", 2025, 17, f"{TABLEAU_2025} : 17 ; {COMPTE}"),
    ("ciblage_transport_composite", 2025, 18, f"{TABLEAU_2025} : 18 ; {COMPTE}"),
    ("ciblage_chirurgie_ambulatoire", 2025, 5, f"{TABLEAU_2025} : 5 ; {COMPTE}"),
]

ANNEE_DONNEES = 2019  # données du ciblage régional 2022-2024
ANNEE_PROFIL_PARCOURS = 2022  # données du ciblage des parcours IC et BPCO
ANNEE_TRANSPORT_COMPOSITE = 2022  # transports prescrits du ciblage de 2025

# Effectifs de l'Occitanie (seeds), mis à l'échelle de la population générée.
PERIMETRE_OCCITANIE = 66  # seed 001 : 66 sites dans la partie régionale produits de santé
ENTRETIENS, SANS_CONCILIATION, CONCILIATION_SANS_MPI = 55, 3, 16  # 55 ; 66 − 63 ; 63 − 47
PERFADOM, PANSEMENTS, DISPOSITIFS = 41, 41, 50  # seed 001 : 41, 41, 50 sites sur au moins un des deux
SANS_MOLECULES_ONEREUSES = 4  # 66 − 62
HAD_OCCITANIE, HAD_FERMEES_AVANT_2021, HAD_OUVERTE_2023, HAD_FERMEES_2024 = 34, 4, 1, 2  # 29 en 2022, 28 en 2025
HAD_CHIMIO_ACTIVES = 18  # seed 001 : « A ce jour 18 HAD concernés »
PUBLICS_OCCITANIE = 31  # sites MCO publics au profil ciblé
AVC_SANS_UNV, AVC_SANS_UNV_2024, AVC_REFERENCE, AVC_REFERENCE_2024 = 5, 1, 2, 1  # 7 en 2023, 9 en 2024
IC_PARCOURS, BPCO_HORS_IC = 4, 4  # IC 4 ; BPCO 8 dont les 4 IC ; parcours : 9 + 8 = 17
MCO_PROFILS_OCCITANIE = 69
TRANSPORT_COMPOSITE = 18
CHIRURGIE = {  # groupe : (publics, privés) — seeds 001 (11 : 4 publics, 7 privés) et 000 (5 reconduits : 4 publics, 1 privé)
    "atteint_deux_annees": (0, 4),  # non reconduits
    "manque_deux_annees": (3, 0),  # reconduits
    "manque_une_annee_potentiel": (1, 1),  # reconduits
    "manque_une_annee": (0, 2),  # non reconduits
}

# Ordres de grandeur inventés (aucune source).
SEJOURS_MEDECINE_PAR_LIT = {"mco_public": (9.0, 14.0), "mco_prive": (2.0, 6.0)}
SEJOURS_CHIRURGIE_PAR_LIT = {"mco_public": (3.0, 6.0), "mco_prive": (6.0, 11.0)}
CROISSANCE_SEJOURS, EFFET_2020 = 0.01, 0.9
TAUX_CIBLE_CONCILIATION = {"chu": (0.2, 0.3, 0.4), "autre": (0.05, 0.075, 0.1)}  # 2022, 2023, 2024 et après
PROBA_AAPP, PROBA_DOCUMENTS = 0.8, 0.85
COUT_TRANSPORT = (70.0, 110.0)  # € par transport prescrit (ambulance et TAP)
COUT_VSL = 45.0  # € par trajet en VSL
TAUX_AMBULATOIRE = {"mco_public": (0.35, 0.6), "mco_prive": (0.5, 0.8)}
SEJOURS_CHIRURGIE_TOUS_PAR_LIT = {"mco_public": (10.0, 16.0), "mco_prive": (20.0, 35.0)}
DONNEES_IC_NATIONALES = ("nombre_sejours_ic_", "nombre_rehospitalisations_ic_", "sejours_ic_", "taux_rehospitalisation_ic_")
POTENTIEL_IDF = (15_000.0, 50_000.0)  # € par établissement, chirurgie ambulatoire en Ile-de-France
OPTION_IDF = {"ensemble_disciplines": 0.15, "specialite": 0.1}  # parts des sites MCO d'Ile-de-France


class _Annees:
    """Les années générées et les séries (sites × années)."""

    def __init__(self, base, rng):
        self.base, self.rng, self.n = base, rng, base.n
        self.annees = np.asarray(base.annees)
        self.j = {int(annee): j for j, annee in enumerate(self.annees)}

    def serie(self, niveau_2019, croissance=CROISSANCE_SEJOURS, bruit=0.03, creux_2020=True):
        """Niveau 2019 (exact) × croissance annuelle × bruit lognormal ; creux de 2020."""
        ecart = self.annees[None, :] - ANNEE_DONNEES
        bruits = self.rng.lognormal(0.0, bruit, (self.n, len(self.annees)))
        bruits[:, self.j[ANNEE_DONNEES]] = 1.0
        valeur = np.asarray(niveau_2019, dtype=float)[:, None] * (1 + croissance) ** ecart * bruits
        if creux_2020 and 2020 in self.j:
            valeur[:, self.j[2020]] *= EFFET_2020
        return valeur

    def marche(self, depart, annee_depart, pas_min, pas_max, bas=0.0, haut=1.0):
        """Taux valant `depart` en `annee_depart`, qui évolue de pas annuels uniformes (avant : en sens inverse)."""
        cumul = np.cumsum(self.rng.uniform(pas_min, pas_max, (self.n, len(self.annees))), axis=1)
        decale = cumul - cumul[:, [self.j[annee_depart]]]
        return np.clip(np.asarray(depart, dtype=float)[:, None] + decale, bas, haut)

    def colonnes(self, nom, serie, decimales=2, entier=False, booleen=False):
        """Colonnes `nom_AAAA` ; deux décimales, comme le fichier embarqué (taux au point près)."""
        if booleen:
            valeurs = np.asarray(serie).astype(bool).astype(np.int64)
        elif entier:
            valeurs = np.round(serie).astype(np.int64)
        else:
            valeurs = np.round(serie, decimales)
        return {f"{nom}_{annee}": valeurs[:, j] for j, annee in enumerate(self.annees)}

    def des_annees(self, debut, fin=None):
        """Masque (1 × années) des années de `debut` à `fin` incluses."""
        fin = self.annees.max() if fin is None else fin
        return ((self.annees >= debut) & (self.annees <= fin))[None, :]


def _colonnes_theme(base, theme: str) -> dict[str, np.ndarray]:
    """Les colonnes d'un autre thème : celles déjà rangées dans `base.colonnes`, sinon regénérées (déterministe)."""
    temoin = {"coeur": "depense_liste_en_sus_2019", "nationaux": "nombre_sejours_ic_2019"}[theme]
    if temoin in base.colonnes:
        return base.colonnes
    if theme == "coeur":
        return colonnes_coeur(base)
    return importlib.import_module(f"openfisca_caqes.population.generation.{theme}").generer(base)


def _seuils() -> dict[str, float]:
    """Les seuils des règles d'Occitanie que les données doivent franchir ou non, lus dans la loi."""

    loi = systemes.systeme_de_base().parameters
    sante = loi("2022-01-01").caqes.produits_sante.regionaux
    bpco = loi("2024-01-01").caqes.pertinence.regionaux.parcours_bpco.occitanie
    avc = loi("2023-01-01").caqes.pertinence.regionaux.parcours_avc.occitanie
    composite = loi("2025-01-01").caqes.organisation_soins.regionaux.transport_composite.occitanie
    vehicule_personnel = loi("2022-01-01").caqes.organisation_soins.regionaux.transport_vehicule_personnel.occitanie
    return {
        "perimetre": sante.perimetre.occitanie.seuil_depense_liste_en_sus,
        "medecine_chirurgie": sante.conciliation.occitanie.seuil_sejours_medecine_chirurgie,
        "medecine": sante.conciliation.occitanie.seuil_sejours_medecine,
        "entretiens_medecine": sante.entretiens_pharmaceutiques.occitanie.seuil_sejours_medecine,
        "perfadom": sante.aapp_perfadom.occitanie.seuil_patients,
        "pansements_patients": sante.aapp_pansements.occitanie.seuil_patients,
        "pansements_depense": sante.aapp_pansements.occitanie.seuil_depense,
        "avc": avc.seuil_sejours_avc,
        "bpco_sejours": bpco.seuil_sejours,
        "vehicule_personnel": vehicule_personnel.seuil_depense_transports,
        "composite_haut": composite.seuil_depense_haut,
        "composite_bas": composite.seuil_depense_bas,
        "composite_vsl": composite.seuil_taux_vsl_partages,
    }


def _premiers(indices: np.ndarray, cle: np.ndarray, nombre: int) -> np.ndarray:
    """Les `nombre` indices de plus petite clé."""
    return indices[np.argsort(cle[indices], kind="stable")][: max(nombre, 0)]


def _masque(n: int, indices) -> np.ndarray:
    masque = np.zeros(n, bool)
    masque[np.asarray(indices, dtype=np.int64)] = True
    return masque


def _produits_sante(a: _Annees, seuils, perimetre: np.ndarray, liste_en_sus: np.ndarray) -> dict[str, np.ndarray]:
    base, rng, n = a.base, a.rng, a.n
    echelle = perimetre.sum() / PERIMETRE_OCCITANIE
    mco_public, mco_prive = base.est("mco_public"), base.est("mco_prive")
    cancer = base.autorisation_traitement_cancer
    rang = base.taille * rng.lognormal(0.0, 0.2, n)  # ordre de taille, bruité
    sites = np.flatnonzero(perimetre)

    # Séjours 2019 « naturels », puis calage des groupes du périmètre sur les seuils (marges ≥ 3 %).
    lits = base.lits_mco.astype(float)
    medecine = np.where(mco_public, lits * rng.uniform(*SEJOURS_MEDECINE_PAR_LIT["mco_public"], n), 0.0)
    medecine = np.where(mco_prive, lits * rng.uniform(*SEJOURS_MEDECINE_PAR_LIT["mco_prive"], n), medecine)
    chirurgie = np.where(mco_public, lits * rng.uniform(*SEJOURS_CHIRURGIE_PAR_LIT["mco_public"], n), 0.0)
    chirurgie = np.where(mco_prive, lits * rng.uniform(*SEJOURS_CHIRURGIE_PAR_LIT["mco_prive"], n), chirurgie)
    s_mc, s_m, s_e = seuils["medecine_chirurgie"], seuils["medecine"], seuils["entretiens_medecine"]
    non_cancer = sites[~cancer[sites]]
    # Hors entretiens : les plus petits sites sans autorisation cancer (séjours de médecine < 500).
    hors_entretiens = _premiers(non_cancer, rang, len(sites) - max(round(ENTRETIENS * echelle), int(cancer[sites].sum())))
    sans_conciliation = _premiers(hors_entretiens, rang, round(SANS_CONCILIATION * echelle))
    reste = np.setdiff1d(sites, sans_conciliation)
    sans_mpi = _premiers(reste, rang, round(CONCILIATION_SANS_MPI * echelle))
    hors_e, groupe_c, groupe_b = _masque(n, hors_entretiens), _masque(n, sans_conciliation), _masque(n, sans_mpi)
    entretiens_medecine = perimetre & ~cancer & ~hors_e  # doivent avoir ≥ 500 séjours de médecine
    groupe_a = perimetre & ~groupe_b & ~groupe_c
    # Groupe C : médecine < 100, médecine + chirurgie < 1 000.
    medecine = np.where(groupe_c, s_m * rng.uniform(0.2, 0.9, n), medecine)
    chirurgie = np.where(groupe_c, rng.uniform(0.1, 0.8, n) * s_mc, chirurgie)
    # Groupe B : médecine ≥ 100 (≥ 500 pour les sites des entretiens « autres domaines »), total < 1 000.
    medecine_b = np.where(entretiens_medecine, s_e * rng.uniform(1.03, 1.3, n), np.where(hors_e, rng.uniform(1.2 * s_m, 0.96 * s_e, n), rng.uniform(1.2 * s_m, 1.2 * s_e, n)))
    medecine = np.where(groupe_b, medecine_b, medecine)
    chirurgie = np.where(groupe_b, rng.uniform(0.05, 0.9, n) * np.maximum(0.96 * s_mc - medecine, 0), chirurgie)
    # Groupe A : total ≥ 1 000 ; médecine < 500 hors entretiens, ≥ 500 pour les entretiens « autres domaines ».
    medecine = np.where(groupe_a & hors_e, rng.uniform(1.5 * s_m, 0.94 * s_e, n), medecine)
    medecine = np.where(groupe_a & entretiens_medecine, np.maximum(medecine, s_e * rng.uniform(1.04, 1.6, n)), medecine)
    chirurgie = np.where(groupe_a, np.maximum(chirurgie, s_mc * rng.uniform(1.04, 1.5, n) - medecine), chirurgie)
    medecine, chirurgie = np.floor(medecine), np.ceil(chirurgie)
    chirurgie = np.where(groupe_c | groupe_b, np.floor(np.minimum(chirurgie, 0.97 * s_mc - medecine)), chirurgie)
    serie_medecine, serie_chirurgie = a.serie(medecine), a.serie(chirurgie)
    ssr = np.where(base.est("ssr_public", "ssr_prive"), base.lits_ssr * rng.uniform(10, 16, n), 0.0)
    ssr = np.where(mco_public & (rng.random(n) < 0.4), rng.uniform(150, 700, n), ssr)
    psy = np.where(base.est("psy_public", "psy_prive"), base.lits_psy * rng.uniform(5, 9, n), 0.0)
    psy = np.where(mco_public & (rng.random(n) < 0.25), rng.uniform(100, 500, n), psy)
    serie_ssr, serie_psy = a.serie(ssr), a.serie(psy)
    colonnes = a.colonnes("sejours_medecine_domaines_cibles", serie_medecine, entier=True)
    colonnes |= a.colonnes("sejours_chirurgie_domaines_cibles", serie_chirurgie, entier=True)
    colonnes |= a.colonnes("sejours_ssr", serie_ssr, entier=True)
    colonnes |= a.colonnes("sejours_psy", serie_psy, entier=True)

    # Conciliations : 2019 comme le bilan du seed 001 (CHU 26-43 %, 9 sites > 5 %, 16 de 1 à 5 %, le reste < 1 %),
    # puis montée vers les cibles annuelles (réalisé = cible × facteur lognormal : un peu plus de la moitié l'atteint).
    conciliables = np.round(serie_medecine) + np.round(serie_chirurgie) + np.round(serie_ssr) + np.round(serie_psy)
    ref_2019, ref_2023 = conciliables[:, a.j[2019]], conciliables[:, a.j[2023]]
    chu = base.est_chu
    taux_2019 = np.select(
        [chu, rng.random(n) < 9 / 63, rng.random(n) < 16 / 54, rng.random(n) < 5 / 38],
        [rng.uniform(0.26, 0.43, n), rng.uniform(0.05, 0.12, n), rng.uniform(0.01, 0.05, n), np.zeros(n)],
        rng.uniform(0.0, 0.01, n),
    )
    taux_cibles = np.where(chu[:, None], np.array(TAUX_CIBLE_CONCILIATION["chu"])[None, :], np.array(TAUX_CIBLE_CONCILIATION["autre"])[None, :])
    annees = a.annees
    reference = np.where(annees[None, :] >= 2025, ref_2023[:, None], ref_2019[:, None])
    cible = np.maximum(taux_cibles[:, np.clip(annees - 2022, 0, 2)] * reference, taux_2019[:, None] * ref_2019[:, None])
    facteur = np.clip(rng.lognormal(0.05, 0.3, (n, len(annees))), 0.3, 1.8)
    depart = taux_2019[:, None] * ref_2019[:, None]
    montee = np.clip((annees - 2019) / 3, 0, 1)[None, :]
    realise = np.select(
        [annees[None, :] >= 2022, annees[None, :] >= 2019],
        [cible * facteur, depart * (1 - montee) + cible * facteur * montee],
        depart * rng.uniform(0.3, 0.9, (n, len(annees))),
    )
    realise = np.where(perimetre[:, None], realise, 0.0)
    colonnes |= a.colonnes("conciliations_realisees", realise, entier=True)

    # Analyse pharmaceutique : 2019 comme le seed 001 (30 sites à 100 %, 14 au-dessus de 80 %, 22 de 4 à 66 %), puis progrès.
    tirage = rng.random(n)
    analyse_2019 = np.select([tirage < 30 / 66, tirage < 44 / 66], [np.ones(n), rng.uniform(0.81, 0.99, n)], rng.uniform(0.04, 0.66, n))
    analyse = np.round(a.marche(analyse_2019, 2019, 0.0, 0.12), 2)
    analyse = np.where(base.est("mco_public", "mco_prive", "ssr_public", "ssr_prive", "psy_public", "psy_prive")[:, None], analyse, 0.0)
    colonnes |= a.colonnes("taux_lits_analyse_pharmaceutique", analyse, 2)

    # Entretiens pharmaceutiques : état des lieux 2022, cibles d'avenant 2023-2024, réalisés autour des cibles.
    chimio = perimetre & cancer
    autres = perimetre & (medecine >= s_e)
    echelle_site = np.sqrt(base.taille)
    chimio_2023 = np.where(chimio, np.round(rng.uniform(20, 60, n) * echelle_site), 0)
    autres_2023 = np.where(autres, np.round(rng.uniform(30, 120, n) * echelle_site), 0)
    chimio_2024 = np.round(chimio_2023 * rng.uniform(1.2, 1.6, n))
    autres_2024 = np.round(autres_2023 * rng.uniform(1.2, 1.6, n))
    cible_chimio, cible_autres = np.zeros((n, len(annees))), np.zeros((n, len(annees)))
    cible_chimio[:, a.j[2023]], cible_chimio[:, a.j[2024]] = chimio_2023, chimio_2024
    cible_autres[:, a.j[2023]], cible_autres[:, a.j[2024]] = autres_2023, autres_2024
    colonnes |= a.colonnes("entretiens_chimio_orale_cible_avenant", cible_chimio, entier=True)
    colonnes |= a.colonnes("entretiens_autres_domaines_cible_avenant", cible_autres, entier=True)
    facteur_chimio = np.clip(rng.lognormal(0.0, 0.3, (n, len(annees))), 0.2, 2.0)
    facteur_autres = np.clip(rng.lognormal(0.0, 0.3, (n, len(annees))), 0.2, 2.0)
    reference_chimio = np.where(annees[None, :] == 2023, chimio_2023[:, None], chimio_2024[:, None])
    reference_autres = np.where(annees[None, :] == 2023, autres_2023[:, None], autres_2024[:, None])
    debut = np.where(annees[None, :] == 2022, 0.2, np.where(annees[None, :] >= 2023, 1.0, 0.0))
    colonnes |= a.colonnes("entretiens_chimio_orale_realises", reference_chimio * facteur_chimio * debut, entier=True)
    colonnes |= a.colonnes("entretiens_autres_domaines_realises", reference_autres * facteur_autres * debut, entier=True)
    etat_des_lieux = (chimio | autres)[:, None] & (rng.random((n, len(annees))) < PROBA_DOCUMENTS) & (annees[None, :] == 2022)
    colonnes |= a.colonnes("entretiens_etat_des_lieux_realise", etat_des_lieux, booleen=True)

    # AAPP : étape de l'année validée (sites MCO, années du contrat).
    contrat = a.des_annees(2022, 2026) & base.est("mco_public", "mco_prive")[:, None]
    for nom in ("aapp_mpi_realisee", "aapp_perfadom_realisee", "aapp_pansements_realisee", "fichier_liste_en_sus_transmis"):
        colonnes |= a.colonnes(nom, contrat & (rng.random((n, len(annees))) < PROBA_AAPP), booleen=True)

    # Molécules onéreuses : part des dépenses de liste en sus ; quelques sites du périmètre n'ont que des DMI.
    dmi_seuls = _masque(n, _premiers(sites[mco_prive[sites] & ~cancer[sites]], -rang, round(SANS_MOLECULES_ONEREUSES * echelle)))
    part_mo = np.where(base.est("mco_public", "mco_prive", "had", "had_sans_pui") & ~dmi_seuls, rng.uniform(0.5, 0.9, n), 0.0)
    colonnes |= a.colonnes("depense_molecules_onereuses", liste_en_sus * part_mo[:, None], 2)

    # Perfadom et pansements (catégories ciblées) : 41 et 41 sites du périmètre, 50 sur au moins un.
    ordre = sites[np.argsort(-rang[sites], kind="stable")]
    perfadom = ordre[: round(PERFADOM * echelle)]
    hors_perfadom = ordre[round(PERFADOM * echelle):]
    communs = round((PERFADOM + PANSEMENTS - DISPOSITIFS) * echelle)
    pansements = np.r_[perfadom[:communs], hors_perfadom[: round(PANSEMENTS * echelle) - communs]]
    en_perfadom, en_pansements = _masque(n, perfadom), _masque(n, pansements)
    s_p = seuils["perfadom"]
    patients_perfadom = np.select(
        [en_perfadom, perimetre, base.est("mco_public", "mco_prive"), base.est("had", "had_sans_pui")],
        [s_p * rng.uniform(1.1, 2.0, n) + 150 * base.taille * rng.lognormal(0, 0.3, n), s_p * rng.uniform(0.15, 0.95, n),
         s_p * rng.uniform(0.1, 1.5, n), rng.uniform(50, 300, n)],
        np.where(base.est("ssr_public", "ssr_prive"), rng.uniform(0, 40, n), 0.0),
    )
    colonnes |= a.colonnes("nombre_patients_perfadom", a.serie(np.round(patients_perfadom), 0.02, 0.05), entier=True)
    s_pp, s_pd = seuils["pansements_patients"], seuils["pansements_depense"]
    par_patients = rng.random(n) < 0.7
    patients = np.where(base.est("mco_public", "mco_prive"), rng.uniform(0.1, 0.95, n) * s_pp, rng.uniform(0, 0.3, n) * s_pp)
    patients = np.where(en_pansements & par_patients, s_pp * rng.uniform(1.05, 3.0, n), np.where(en_pansements, s_pp * rng.uniform(0.3, 0.95, n), patients))
    depense = np.where(en_pansements & ~par_patients, s_pd * rng.uniform(1.04, 1.8, n), np.minimum(patients * rng.uniform(25, 50, n), s_pd * rng.uniform(0.4, 0.96, n)))
    depense = np.where(en_pansements & par_patients, patients * rng.uniform(30, 60, n), depense)
    patients, depense = np.round(patients), np.round(depense, 2)
    colonnes |= a.colonnes("nombre_patients_pansements_categories_ciblees", a.serie(patients, 0.02, 0.05), entier=True)
    colonnes |= a.colonnes("depense_phev_pansements_categories_ciblees", a.serie(depense, 0.03, 0.05), 2)
    return colonnes


def _had(a: _Annees) -> dict[str, np.ndarray]:
    """Structures d'HAD : quelques-unes fermées ou ouvertes en cours de période ; chimiothérapie à domicile."""
    base, rng, n, annees = a.base, a.rng, a.n, a.annees
    had = base.est("had", "had_sans_pui")
    echelle = had.sum() / HAD_OCCITANIE
    # Les structures qui ferment ou ouvrent ne sont jamais au profil ciblé (les 16 EHAD du seed 001 restent actives).
    candidates = rng.permutation(np.flatnonzero(had & ~base.profil_cible))
    bornes = np.cumsum([round(k * echelle) for k in (HAD_FERMEES_AVANT_2021, HAD_OUVERTE_2023, HAD_FERMEES_2024)])
    fermees_2021, ouverte_2023, fermees_2024 = (_masque(n, morceau) for morceau in np.split(candidates, bornes)[:3])
    active = had[:, None] & ~(fermees_2021[:, None] & (annees >= 2021)) & ~(ouverte_2023[:, None] & (annees < 2023))
    active &= ~(fermees_2024[:, None] & (annees >= 2024))
    journees = base.places_had[:, None] * 330 * rng.uniform(0.7, 0.95, (n, len(annees))) * active
    colonnes = a.colonnes("journees_had", journees, entier=True)
    documents = active & (rng.random((n, len(annees))) < PROBA_DOCUMENTS)
    colonnes |= a.colonnes("had_evaluation_refus_realisee", documents & (annees == 2022), booleen=True)
    colonnes |= a.colonnes("had_documents_transmis", documents & (annees >= 2023) & (annees <= 2026), booleen=True)
    # Chimiothérapie injectable à domicile : 18 HAD actives en 2022 (seed 001), croissance ; d'autres démarrent.
    actives_2022 = np.flatnonzero(active[:, a.j[2022]])
    chimio = _masque(n, _premiers(actives_2022, -(base.profil_cible * 2 + base.est("had") + rng.random(n)), round(HAD_CHIMIO_ACTIVES * echelle)))
    # Démarrage : 2020 pour les 18 premières, puis chaque année à partir de 2023 avec une probabilité de 30 %.
    tirages = np.where(annees >= 2023, rng.random((n, len(annees))) < 0.3, False)
    premiere = np.where(tirages.any(axis=1), annees[np.argmax(tirages, axis=1)], annees.max() + 1)
    debut = np.where(chimio, 2020, np.where(had, premiere, annees.max() + 1))
    depart = np.where(chimio, rng.uniform(5, 40, n) * np.sqrt(base.taille), rng.uniform(2, 8, n))
    croissance = np.cumprod(rng.uniform(1.0, 1.6, (n, len(annees))), axis=1)
    croissance = croissance / np.take_along_axis(croissance, np.searchsorted(annees, np.minimum(debut, annees.max()))[:, None], axis=1)
    patients = np.where(annees >= debut[:, None], depart[:, None] * croissance, 0.0) * active
    colonnes |= a.colonnes("nombre_patients_had_anticancereux", patients, entier=True)
    protocoles = np.where(patients > 0, rng.poisson(1.6, (n, len(annees))), 0)
    colonnes |= a.colonnes("nombre_nouveaux_protocoles_had", protocoles, entier=True)
    return colonnes


def _parcours(a: _Annees, seuils, nationales, ic_national) -> dict[str, np.ndarray]:
    """Post-AVC, IC et BPCO : 7 puis 9 sites post-AVC, 4 IC, 8 BPCO (dont les 4 IC), 17 sites en tout."""
    base, rng, n, annees = a.base, a.rng, a.n, a.annees
    public, mco = base.est("mco_public"), base.est("mco_public", "mco_prive")
    echelle = max(np.sum(public & base.profil_cible), 1) / PUBLICS_OCCITANIE

    # AVC : UNV dans les grands sites publics ; sans UNV, peu de séjours sauf les sites ciblés.
    rang = base.taille * rng.lognormal(0.0, 0.2, n)
    publics = np.flatnonzero(public)
    unv = _masque(n, _premiers(publics, -rang, round(0.25 * len(publics)))) | (base.est_chu & public)
    sans_unv = np.flatnonzero(public & ~unv & base.profil_cible)
    choisis = rng.permutation(sans_unv)
    k1, k2 = round(AVC_SANS_UNV * echelle), round(AVC_SANS_UNV_2024 * echelle)
    avc_2023, avc_2024 = _masque(n, choisis[:k1]), _masque(n, choisis[k1: k1 + k2])
    references = rng.permutation(np.flatnonzero(unv & public))
    r1, r2 = round(AVC_REFERENCE * echelle), round(AVC_REFERENCE_2024 * echelle)
    reference_2023, reference_2024 = _masque(n, references[:r1]), _masque(n, references[r1: r1 + r2])
    s_avc = seuils["avc"]
    sejours = np.select([unv, public, base.est("mco_prive")], [rng.uniform(300, 900, n) * np.sqrt(base.taille), rng.uniform(0.1, 0.8, n) * s_avc, rng.uniform(0, 8, n)], 0.0)
    sejours_avc = np.where(avc_2023, s_avc * rng.uniform(1.1, 2.4, n), sejours)[:, None] * np.ones(len(annees))
    sejours_avc = np.where(avc_2024[:, None], np.where(annees >= 2023, s_avc * rng.uniform(1.1, 1.8, n)[:, None], s_avc * rng.uniform(0.6, 0.9, n)[:, None]), sejours_avc)
    sejours_avc = np.where(avc_2023[:, None] | avc_2024[:, None] | unv[:, None], sejours_avc * rng.uniform(0.97, 1.05, (n, len(annees))), sejours_avc)
    colonnes = a.colonnes("nombre_sejours_avc", sejours_avc, entier=True)
    colonnes |= a.colonnes("unite_neurovasculaire", np.broadcast_to(unv[:, None], sejours_avc.shape), booleen=True)
    reference = (reference_2023[:, None] & (annees >= 2023)) | (reference_2024[:, None] & (annees >= 2024))
    colonnes |= a.colonnes("etablissement_reference_avc", reference, booleen=True)
    eligibles = np.round(0.55 * sejours_avc)
    inclusion = a.marche(rng.uniform(0.0, 0.15, n), 2019, -0.01, 0.05, 0.0, 0.6)
    colonnes |= a.colonnes("nombre_patients_eligibles_prado_avc", eligibles, entier=True)
    colonnes |= a.colonnes("nombre_patients_inclus_prado_avc", np.round(inclusion * eligibles), entier=True)
    parcours_avc = avc_2023 | avc_2024 | reference_2023 | reference_2024
    signature = np.where(parcours_avc, rng.integers(2022, 2025, n), rng.integers(2021, 2027, n))  # 2026 : jamais dans la période
    signature = np.where(rng.random(n) < 0.9, signature, annees.max() + 1)
    colonnes |= a.colonnes("convention_prado_signee", public[:, None] & (annees >= signature[:, None]), booleen=True)
    colonnes["annee_convention_cpts_msp"] = np.where(parcours_avc & (rng.random(n) < 0.4), rng.integers(2024, 2026, n), 0).astype(np.int64)

    # IC : parmi les sites ciblés au national (2024 et 2025) dont la réhospitalisation 2022 dépasse la moyenne
    # régionale, 4 ont un suivi (généraliste, cardiologue) sous les moyennes ; les autres au profil sont au-dessus.
    j = ANNEE_PROFIL_PARCOURS
    sejours_ic = {annee: np.asarray(nationales[f"nombre_sejours_ic_{annee}"], dtype=float) for annee in annees}
    rehospitalisations = np.asarray(nationales[f"nombre_rehospitalisations_ic_{j}"], dtype=float)
    regions, groupe = np.unique(base.region, return_inverse=True)
    moyenne = np.bincount(groupe, rehospitalisations, len(regions)) / np.maximum(np.bincount(groupe, sejours_ic[j], len(regions)), 1)
    taux_rehospitalisation = np.divide(rehospitalisations, sejours_ic[j], out=np.zeros(n), where=sejours_ic[j] > 0)
    au_dessus = (taux_rehospitalisation > moyenne[groupe] * 1.03) & (sejours_ic[j] > 0)
    candidats_ic = np.flatnonzero(ic_national & au_dessus & ~parcours_avc)
    ic = _masque(n, rng.permutation(candidats_ic)[: round(IC_PARCOURS * echelle)])
    generaliste = np.select([ic, au_dessus], [rng.uniform(0.15, 0.25, n), rng.uniform(0.75, 0.85, n)], rng.uniform(0.4, 0.85, n))
    cardiologue = np.where(ic, rng.uniform(0.1, 0.2, n), rng.uniform(0.25, 0.6, n))
    generaliste = a.marche(generaliste, j, -0.01, np.where(ic, 0.08, 0.03)[:, None], 0.0, 0.95)
    cardiologue = a.marche(cardiologue, j, -0.01, np.where(ic, 0.05, 0.02)[:, None], 0.0, 0.95)
    sejours_ic_tableau = np.stack([sejours_ic[annee] for annee in annees], axis=1)
    colonnes |= a.colonnes("nombre_patients_ic_generaliste", np.floor(generaliste * sejours_ic_tableau), entier=True)
    colonnes |= a.colonnes("nombre_patients_ic_cardiologue", np.floor(cardiologue * sejours_ic_tableau), entier=True)
    colonnes |= a.colonnes("plan_actions_parcours_ic", ic[:, None] & (annees >= 2024) & (annees <= 2026) & (rng.random((n, len(annees))) < PROBA_AAPP), booleen=True)

    # BPCO : 8 sites ciblés (les 4 IC et 4 autres hors post-AVC) : réhospitalisation forte, suivi généraliste faible.
    autres = np.flatnonzero(mco & base.profil_cible & ~ic & ~parcours_avc)
    bpco = ic | _masque(n, rng.permutation(autres)[: round(BPCO_HORS_IC * echelle)])
    patients = np.where(mco, np.round(base.lits_mco * rng.uniform(0.3, 0.9, n)), 0.0)
    patients = np.where(bpco, np.maximum(patients, seuils["bpco_sejours"] * rng.uniform(1.2, 2.0, n)), patients)
    sejours_3t = np.where(bpco, np.maximum(np.round(0.9 * patients), seuils["bpco_sejours"] + 8), np.round(0.9 * patients))
    faible_rehospitalisation = rng.random(n) < 0.5
    rehospitalisation = np.select([bpco, faible_rehospitalisation], [rng.uniform(0.3, 0.4, n), rng.uniform(0.06, 0.1, n)], rng.uniform(0.06, 0.3, n))
    generaliste_bpco = np.select([bpco, faible_rehospitalisation], [rng.uniform(0.15, 0.25, n), rng.uniform(0.3, 0.7, n)], rng.uniform(0.75, 0.85, n))
    pneumologue = rng.uniform(0.2, 0.45, n)
    patients_serie = a.serie(patients, 0.01, 0.05, creux_2020=False)
    patients_serie[:, a.j[j]] = patients
    sejours_serie = a.serie(sejours_3t, 0.01, 0.05, creux_2020=False)
    sejours_serie[:, a.j[j]] = sejours_3t
    colonnes |= a.colonnes("nombre_patients_bpco", patients_serie, entier=True)
    colonnes |= a.colonnes("nombre_sejours_bpco_trois_trimestres", sejours_serie, entier=True)
    patients_serie = np.round(patients_serie)
    taux_rehospitalisation_bpco = a.marche(rehospitalisation, j, np.where(bpco, -0.04, -0.01)[:, None], 0.01, 0.0, 0.8)
    taux_generaliste_bpco = a.marche(generaliste_bpco, j, -0.01, np.where(bpco, 0.08, 0.02)[:, None], 0.0, 0.95)
    taux_pneumologue = a.marche(pneumologue, j, -0.01, np.where(bpco, 0.05, 0.02)[:, None], 0.0, 0.95)
    colonnes |= a.colonnes("nombre_patients_bpco_rehospitalises", np.floor(taux_rehospitalisation_bpco * patients_serie), entier=True)
    colonnes |= a.colonnes("nombre_patients_bpco_generaliste", np.floor(taux_generaliste_bpco * patients_serie), entier=True)
    colonnes |= a.colonnes("nombre_patients_bpco_pneumologue", np.floor(taux_pneumologue * patients_serie), entier=True)
    colonnes |= a.colonnes("plan_actions_parcours_bpco", bpco[:, None] & (annees >= 2024) & (annees <= 2026) & (rng.random((n, len(annees))) < PROBA_AAPP), booleen=True)
    return colonnes


def _transport(a: _Annees, seuils, nationales) -> dict[str, np.ndarray]:
    """Nombres de transports prescrits cohérents avec les montants de l'indicateur national."""
    base, rng, n, annees = a.base, a.rng, a.n, a.annees

    def par_annee(nom):
        return np.stack([np.asarray(nationales[f"{nom}_{annee}"], float) for annee in annees], axis=1)

    assis = par_annee("depense_transport_assis")
    montants = par_annee("depense_transport_ambulance") + assis
    # Ciblés : véhicule personnel (> 1,5 M€ en 2019) ; composite 2025 : 18 sites (> 1,7 M€ en 2022, ou
    # 1-1,7 M€ avec moins de 6 % de VSL partagés) — le taux de VSL partagés choisit les sites de la tranche.
    cibles_vp = montants[:, a.j[ANNEE_DONNEES]] > seuils["vehicule_personnel"]
    total = montants[:, a.j[ANNEE_TRANSPORT_COMPOSITE]]
    haut = total > seuils["composite_haut"]
    tranche = (total >= seuils["composite_bas"]) & ~haut
    echelle = max(np.sum(base.est("mco_public", "mco_prive") & base.profil_cible), 1) / MCO_PROFILS_OCCITANIE
    manque = max(round(TRANSPORT_COMPOSITE * echelle) - int(haut.sum()), 0)
    dans_tranche = np.flatnonzero(tranche)
    ordre_tranche = dans_tranche[np.lexsort((-total[dans_tranche], ~base.est("mco_public", "mco_prive")[dans_tranche]))]  # MCO d'abord
    peu_partages = _masque(n, ordre_tranche[:manque])
    composite = haut | peu_partages
    # Efforts : les ciblés font progresser le véhicule personnel (2022-2024) et les moyens personnels (2025-2026).
    effort = (cibles_vp[:, None] & (annees >= 2022) & (annees <= 2024)) | (composite[:, None] & (annees >= 2025))
    part_vp = a.marche(rng.uniform(0.02, 0.1, n), 2019, np.where(effort, 0.0, -0.004), np.where(effort, 0.022, 0.012), 0.0, 0.4)
    part_tc = a.marche(rng.uniform(0.0, 0.02, n), 2019, -0.002, 0.005, 0.0, 0.2)
    professionnels = montants / rng.uniform(*COUT_TRANSPORT, n)[:, None]
    prescrits = np.round(professionnels / np.maximum(1 - part_vp - part_tc, 0.5))
    colonnes = a.colonnes("nombre_transports_prescrits", prescrits, entier=True)
    colonnes |= a.colonnes("nombre_transports_vehicule_personnel", np.floor(part_vp * prescrits), entier=True)
    colonnes |= a.colonnes("nombre_transports_en_commun", np.floor(part_tc * prescrits), entier=True)
    # Cible au contrat 2022-2024 des sites ciblés : +1 point par an sur 2021.
    cible = (part_vp[:, [a.j[2021]]] + 0.01 * (annees - 2021)) * (cibles_vp[:, None] & (annees >= 2022) & (annees <= 2024))
    colonnes |= a.colonnes("taux_vehicule_personnel_cible", cible)
    s_vsl = seuils["composite_vsl"]
    vsl_2022 = np.where(peu_partages, s_vsl * rng.uniform(0.3, 0.9, n), np.where(tranche, s_vsl * rng.uniform(1.1, 3.0, n), rng.uniform(0.03, 0.25, n)))
    taux_vsl = a.marche(vsl_2022, ANNEE_TRANSPORT_COMPOSITE, -0.01, np.where(composite, 0.035, 0.015)[:, None], 0.0, 0.6)
    trajets_vsl = np.round(assis * rng.uniform(0.3, 0.6, n)[:, None] / COUT_VSL)
    colonnes |= a.colonnes("nombre_trajets_vsl", trajets_vsl, entier=True)
    colonnes |= a.colonnes("nombre_trajets_vsl_partages", np.floor(taux_vsl * trajets_vsl), entier=True)
    # Références du premier semestre 2024 inscrites à l'avenant : proches des taux de 2024.
    moyens_personnels = part_vp[:, a.j[2024]] + part_tc[:, a.j[2024]]
    colonnes["transport_reference_taux_moyens_personnels"] = np.round(np.clip(moyens_personnels * rng.uniform(0.95, 1.05, n), 0, 1), 2)
    colonnes["transport_reference_taux_vsl_partages"] = np.round(np.clip(taux_vsl[:, a.j[2024]] * rng.uniform(0.95, 1.05, n), 0, 1), 2)
    plan = composite[:, None] & (annees >= 2025) & (annees <= 2026) & (rng.random((n, len(annees))) < PROBA_AAPP)
    colonnes |= a.colonnes("transport_plan_actions", plan, booleen=True)
    return colonnes


def _chirurgie(a: _Annees) -> dict[str, np.ndarray]:
    """Chirurgie ambulatoire : 11 sites à cibles individuelles (Occitanie), options de l'Ile-de-France."""
    base, rng, n, annees = a.base, a.rng, a.n, a.annees
    public, prive = base.est("mco_public"), base.est("mco_prive")
    # Ile-de-France : option 1 (toutes disciplines) ou 2 (une spécialité), progression à partir de 2024.
    idf = (base.region == "ile_de_france") & (public | prive)
    tirage = rng.random(n)
    option = np.select([idf & (tirage < OPTION_IDF["ensemble_disciplines"]), idf & (tirage > 1 - OPTION_IDF["specialite"])], ["ensemble_disciplines", "specialite"], "aucune")
    taux_2019 = np.select([public, prive], [rng.uniform(*TAUX_AMBULATOIRE["mco_public"], n), rng.uniform(*TAUX_AMBULATOIRE["mco_prive"], n)], 0.0)
    effort = (option == "ensemble_disciplines")[:, None] & (annees >= 2024)
    taux = a.marche(taux_2019, 2019, np.where(effort, 0.01, 0.0), np.where(effort, 0.06, 0.025), 0.0, 0.95)
    par_lit = np.select([public, prive], [rng.uniform(*SEJOURS_CHIRURGIE_TOUS_PAR_LIT["mco_public"], n), rng.uniform(*SEJOURS_CHIRURGIE_TOUS_PAR_LIT["mco_prive"], n)], 0.0)
    sejours = a.serie(base.lits_mco * par_lit)
    echelle = max(np.sum((public | prive) & base.profil_cible), 1) / MCO_PROFILS_OCCITANIE
    occitanie = base.region == "occitanie"
    candidats = {cle: rng.permutation(np.flatnonzero(masque & base.profil_cible & occitanie)) for cle, masque in (("public", public), ("prive", prive))}
    groupes, pris = {}, {"public": 0, "prive": 0}
    for groupe, (publics, prives) in CHIRURGIE.items():
        indices = []
        for cle, nombre in (("public", publics), ("prive", prives)):
            k = round(nombre * echelle)
            indices.extend(candidats[cle][pris[cle]: pris[cle] + k])
            pris[cle] += k
        groupes[groupe] = _masque(n, indices)
    cibles = np.logical_or.reduce(list(groupes.values()))
    reconduits = groupes["manque_deux_annees"] | groupes["manque_une_annee_potentiel"]
    # Cibles au contrat : +3 points par an sur 2021 (2022-2024), puis au-dessus de 2024 pour les reconduits.
    depart = taux[:, a.j[2021]]
    cible = np.where(annees <= 2024, depart[:, None] + 0.03 * (annees - 2021), depart[:, None] + 0.09 + rng.uniform(0.01, 0.03, n)[:, None] * (annees - 2024))
    cible = np.round(np.minimum(cible, 0.95), 2)  # au point près : le fichier embarqué garde deux décimales
    en_vigueur = (cibles[:, None] & (annees >= 2022) & (annees <= 2024)) | (reconduits[:, None] & (annees >= 2025) & (annees <= 2026))
    colonnes = a.colonnes("chirurgie_ambulatoire_taux_cible_contrat", cible * en_vigueur)
    # Réalisé : atteint ou manqué selon le groupe en 2022 et 2023, au hasard ensuite.
    atteint_2022 = groupes["atteint_deux_annees"]  # ceux qui manquent une seule année manquent 2022
    atteint_2023 = groupes["atteint_deux_annees"] | groupes["manque_une_annee_potentiel"] | groupes["manque_une_annee"]
    hasard = rng.random((n, len(annees))) < 0.5
    atteint = np.where(annees == 2022, atteint_2022[:, None], np.where(annees == 2023, atteint_2023[:, None], hasard))
    ecart = np.where(atteint, rng.integers(0, 3, (n, len(annees))), -rng.integers(1, 4, (n, len(annees)))) / 100
    taux = np.where(cibles[:, None] & (annees >= 2022), np.clip(cible + ecart, 0, 0.99), taux)
    colonnes |= a.colonnes("taux_chirurgie_ambulatoire", taux)
    colonnes |= a.colonnes("nombre_sejours_chirurgie", sejours, entier=True)
    potentiel = groupes["manque_une_annee_potentiel"] | groupes["manque_deux_annees"] | (~cibles & (public | prive) & (rng.random(n) < 0.2))
    colonnes["chirurgie_ambulatoire_potentiel_conversion"] = potentiel.astype(np.int64)
    colonnes["chirurgie_ambulatoire_option"] = option.astype(object)
    # Ile-de-France : seul cet indicateur régional y est écrit ; son potentiel est donc saisi (choix de l'ARS)
    # plutôt que réparti par défaut sur toute l'enveloppe de la région.
    potentiel = (option != "aucune")[:, None] * (annees >= 2025) * (annees <= 2026) * rng.uniform(*POTENTIEL_IDF, n)[:, None] * np.sqrt(base.taille)[:, None]
    colonnes |= a.colonnes("montant_potentiel_chirurgie_ambulatoire", potentiel)
    specialite = a.marche(rng.uniform(0.2, 0.5, n), 2023, 0.0, np.where(annees >= 2024, 0.08, 0.02)[None, :], 0.0, 0.95)
    specialite = np.where((option == "specialite")[:, None], specialite, 0.0)
    colonnes |= a.colonnes("taux_chirurgie_ambulatoire_specialite", specialite)
    colonnes |= a.colonnes("nombre_sejours_chirurgie_specialite", np.where((option == "specialite")[:, None], a.serie(rng.uniform(200, 900, n)), 0), entier=True)
    return colonnes


def _ciblage_ic_national(base, nationales, annees) -> np.ndarray:
    """Les sites ciblés sur l'indicateur national IC (toutes les années données), calculés par la loi elle-même."""

    donnees_ic = {cle: valeurs for cle, valeurs in nationales.items() if cle.startswith(DONNEES_IC_NATIONALES)}
    identite = {"etablissement": base.ids, "entite_juridique": base.entite_juridique, "region": base.region, "categorie_etablissement": base.categorie}
    tableau = pd.DataFrame(identite | donnees_ic)
    simulation = construire_simulation(systemes.systeme_de_base(), tableau, "<générateur régional>")
    return np.logical_and.reduce([simulation.calculate("ciblage_insuffisance_cardiaque", str(annee)) for annee in annees])


def generer(base) -> dict[str, np.ndarray]:
    rng = base.rng("regionaux")
    a = _Annees(base, rng)
    seuils = _seuils()
    coeur = _colonnes_theme(base, "coeur")
    nationales = _colonnes_theme(base, "nationaux")
    liste_en_sus = np.stack([np.asarray(coeur[f"depense_liste_en_sus_{annee}"], float) for annee in a.annees], axis=1)
    perimetre = liste_en_sus[:, a.j[ANNEE_DONNEES]] > seuils["perimetre"]
    ic_national = _ciblage_ic_national(base, nationales, (2024, 2025))
    colonnes = _produits_sante(a, seuils, perimetre, liste_en_sus)
    colonnes |= _had(a)
    colonnes |= _parcours(a, seuils, nationales, ic_national)
    colonnes |= _transport(a, seuils, nationales)
    colonnes |= _chirurgie(a)
    return colonnes
