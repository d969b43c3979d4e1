"""Le plancher du calcul du régime IFEP 2027, en numpy seul : dotation complémentaire, pénalité, établissements atypiques.

Même loi que `variables/ifep/` (champ, économies des indicateurs retenus, dotation, plafond de
2 % des financements totaux, pénalité d'efficience, dispositif des établissements atypiques et
sa récurrence sur les années, plafond commun), mêmes données, mêmes types de stockage ; les
nombres doivent être IDENTIQUES à la colonne 2027 de la comparaison (le banc et
`tests/banc/test_planchers.py` le vérifient). Écrit indépendamment du paquet : le plafond exact
⌊taux × assiette⌋ passe ici par un produit en `longdouble` (64 bits de mantisse : assiette × numérateur
exact), là où le paquet décompose l'assiette en mantisse et exposant.

Hors du plancher (refusé, jamais approché) : la variante IFAQ (`ifep.ifaq.taux_enveloppe` > 0,
scénario « ifaq ») et les objectifs réservés aux établissements ciblés par le CAQES
(`ifep.indicateurs.objectifs_etablissements_cibles` = 1) ; la loi centrale n'utilise ni l'une ni l'autre.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from benchmarks.plancher_2025 import Donnees
from benchmarks.plancher_2025 import preparer as preparer_donnees
from openfisca_caqes.montants import arrondi_euro

ANNEE = 2027
# Ce que le dernier calcul a rencontré : atypiques pénalisés, pénalités ramenées au plafond.
STATISTIQUES: dict = {}
SORTIES_NULLES_INT = ("interessement_national", "interessement_regional", "interessement_regional_verse", "penalite_refus_signature", "penalite_non_atteinte")


@dataclass
class Regles:
    """Les paramètres de l'IFEP lus dans la loi (hors mesure) et la géographie de la population."""

    annee: int
    ifep: dict
    atypie: dict  # année -> règles ifep.atypie de l'année (années où des objectifs peuvent être fixés)
    vigueur: dict  # année -> (objectifs_atypie, penalites) en vigueur
    categories_dans_champ: np.ndarray  # par indice de catégorie : 1 si dans le champ
    nombre_categories: int
    entite_region: np.ndarray
    nombre_regions: int
    nationaux: dict


def _en_vigueur(parametres, annee: int, mecanisme: str) -> bool:
    calendrier = parametres(f"{annee}-01-01").ifep.calendrier
    return mecanisme in calendrier and calendrier[mecanisme] > 0


def preparer(systeme, tableau, annee: int = ANNEE) -> tuple[Donnees, Regles]:
    """Colonnes typées (comme le chargeur) et paramètres de l'IFEP. Hors mesure."""
    donnees, geo = preparer_donnees(systeme, tableau, 2025)
    p = systeme.parameters
    ifep = p(f"{annee}-01-01").ifep
    if ifep.ifaq.taux_enveloppe > 0:
        raise NotImplementedError("variante IFAQ (ifep.ifaq.taux_enveloppe > 0) : hors du plancher")
    if ifep.indicateurs.objectifs_etablissements_cibles > 0:
        raise NotImplementedError("objectifs réservés aux établissements ciblés : hors du plancher")
    retenus = [nom for nom in ifep.indicateurs.retenus if ifep.indicateurs.retenus[nom] > 0]
    regles_ifep = {
        "retenus": retenus,
        "part_economies": {nom: ifep.dotation_complementaire.part_economies[nom] for nom in retenus},
        "part_derive": {nom: ifep.penalite.part_derive[nom] for nom in retenus},
        "forfait": ifep.penalite.part_plafond_forfaitaire,
        "taux_plafond": Fraction(str(ifep.penalite.taux_plafond)),
        "plafond_commun": ifep.penalite.plafond_commun > 0,
        "toutes_sources": ifep.penalite.assiette_toutes_sources > 0,
        "dotation_attribuee": ifep.calendrier.dotation_complementaire > 0,
        "champ_actif": _en_vigueur(p, annee, "dotation_complementaire") or _en_vigueur(p, annee, "penalites"),
    }
    vigueur, atypie = {}, {}
    premiere = annee
    while _en_vigueur(p, premiere, "objectifs_atypie"):  # la récurrence remonte jusqu'à la première année sans objectif
        premiere -= 1
    for a in range(premiere + 1, annee + 1):
        vigueur[a] = (_en_vigueur(p, a, "objectifs_atypie"), _en_vigueur(p, a, "penalites"))
        regles = p(f"{a}-01-01").ifep.atypie
        atypie[a] = {cle: float(regles[cle]) for cle in (
            "seuil_ecart_niveau", "seuil_ecart_evolution", "comparaison_regionale", "comparaison_nationale", "volume_minimal",
            "reduction_annuelle", "exces_avant_penalites", "duree_periode", "taux_abattement",
        )}
    categories = ifep.champ.categories
    noms = list(geo.categories)
    dans_champ = np.array([float(categories[nom]) if nom in categories else 0.0 for nom in sorted(noms, key=geo.categories.get)])
    nat = p(f"{annee}-01-01").caqes
    nationaux = {
        "perfadom.gravite": nat.produits_sante.nationaux.perfadom.economie_inclut_gravite,
        "ambulance.cout": nat.organisation_soins.nationaux.transport_ambulance.cout_moyen_trajet_ambulance,
        "ambulance.cout_assis": nat.organisation_soins.nationaux.transport_ambulance.cout_moyen_trajet_assis,
    }
    regles = Regles(annee, regles_ifep, atypie, vigueur, dans_champ, len(noms), geo.entite_region, geo.nombre_regions, nationaux)
    return donnees, regles


# --- outils ------------------------------------------------------------------------------------------

def f64(x):
    return np.asarray(x, dtype=np.float64)


def quotient(numerateur, denominateur, defaut=0.0):
    numerateur, denominateur = f64(numerateur), f64(denominateur)
    return np.divide(numerateur, denominateur, out=np.full(len(denominateur), defaut), where=denominateur > 0)


def plafond_exact(taux: Fraction, assiette) -> np.ndarray:
    """⌊taux × assiette⌋ en euros : assiette × numérateur est exact en longdouble (53 + 11 bits ≤ 64), puis division entière."""
    if taux.numerator >= 2**11 or np.finfo(np.longdouble).nmant < 63:
        raise NotImplementedError("plafond exact : numérateur du taux ≥ 2^11 ou longdouble sans 64 bits de mantisse")
    assiette = np.maximum(f64(assiette), 0.0)
    produit = np.floor(assiette.astype(np.longdouble) * np.longdouble(taux.numerator))
    return produit.astype(np.int64) // taux.denominator


# --- le calcul (mesuré) ----------------------------------------------------------------------------

def calculer(d: Donnees, r: Regles) -> dict[str, np.ndarray]:
    """Les résultats du régime IFEP de l'année (2027) pour chaque établissement (numpy seul)."""
    A = r.annee
    n = d.n
    ifep = r.ifep
    categorie = d("categorie_etablissement").astype(np.int64)
    dans_champ = (r.categories_dans_champ[categorie] > 0) & ifep["champ_actif"]

    # Économies de l'année (formules des indicateurs nationaux, valables pour toute année de données).
    def baisse(variable):
        return f64(d(variable, A - 1)) - f64(d(variable, A))

    def sad(annee):
        return f64(d("depense_perfadom_systemes_actifs", annee)) + f64(d("depense_perfadom_diffuseurs", annee))

    def moyenne_pansements(annee):
        return quotient(d("depense_phev_pansements", annee), d("nombre_patients_pansements", annee))

    def ambulance_assis(annee):
        return f64(d("depense_transport_ambulance", annee)) + f64(d("depense_transport_assis", annee))

    def part_ambulance(annee):
        return quotient(d("depense_transport_ambulance", annee), ambulance_assis(annee))

    nat = r.nationaux
    ecart_relatif = (nat["ambulance.cout"] - nat["ambulance.cout_assis"]) / nat["ambulance.cout_assis"]
    calculs = {
        "ipp": lambda: baisse("depense_phev_ipp"),
        "perfadom": lambda: (sad(A - 1) - sad(A)) + nat["perfadom.gravite"] * baisse("depense_perfadom_gravite"),
        "pansements": lambda: (moyenne_pansements(A - 1) - moyenne_pansements(A)) * f64(d("nombre_patients_pansements", A)),
        "insuffisance_cardiaque": lambda: baisse("depense_rehospitalisations_ic"),
        "transport_ambulance": lambda: (part_ambulance(A - 1) - part_ambulance(A)) * ambulance_assis(A) * ecart_relatif,
    }
    inconnus = [nom for nom in ifep["retenus"] if nom not in calculs]
    if inconnus:
        raise NotImplementedError(f"indicateurs IFEP sans économie dans le plancher : {inconnus}")
    economies = {nom: calculs[nom]() for nom in ifep["retenus"]}

    # Dotation complémentaire (la variante IFAQ est refusée à la préparation : sa part vaut 0).
    montant = sum(ifep["part_economies"][nom] * np.maximum(economies[nom], 0) for nom in economies)
    dotation = (ifep["dotation_attribuee"] * dans_champ * arrondi_euro(montant)).astype(np.int64)

    # Plafond de la pénalité.
    assurance_maladie = f64(d("financement_assurance_maladie_total", A))
    if ifep["toutes_sources"]:
        assiette = f64(d("financements_totaux", A))
        if (assiette < assurance_maladie).any():
            raise ValueError("financements_totaux inférieurs aux financements de l'assurance maladie : le paquet refuse")
    else:
        assiette = assurance_maladie
    plafond = plafond_exact(ifep["taux_plafond"], assiette)

    # Pénalité d'efficience.
    manques = dans_champ * sum((economies[nom] < 0).astype(np.int64) for nom in economies)
    proportionnelle = sum(ifep["part_derive"][nom] * np.maximum(-economies[nom], 0) for nom in economies)
    forfait = ifep["forfait"] * plafond * (manques > 0)
    brute = (dans_champ * arrondi_euro(proportionnelle + forfait)).astype(np.int64)
    ecartee = d("ifep_penalite_ecartee", A).astype(bool)
    efficience = np.where(ecartee, 0, np.minimum(brute, plafond))

    # Établissements atypiques : état de chaque année, de la première année à objectifs jusqu'à A.
    atypie_brute = _penalite_atypie(d, r, categorie)
    reste = plafond - efficience if ifep["plafond_commun"] else plafond
    penalite = np.where(ecartee, 0, efficience + np.minimum(atypie_brute, reste)).astype(np.int64)

    STATISTIQUES.update(
        atypiques_penalises=int((atypie_brute > 0).sum()),
        penalites_plafonnees=int(((brute > plafond) | (efficience + atypie_brute > plafond)).sum()),
        objectifs_manques=int((manques > 0).sum()),
    )
    zeros = np.zeros(n, dtype=np.int64)
    resultats = {nom: zeros for nom in SORTIES_NULLES_INT}
    resultats.update({
        "interessement": dotation,
        "penalite": penalite,
        "solde": (dotation - penalite).astype(np.int64),
        "produits_reference": f64(d("produits_assurance_maladie", A - 1)),
        "dans_champ": dans_champ,
        "score_volet_obligatoire": np.zeros(n),
        "ifep_dotation_complementaire": dotation,
        "ifep_penalite": penalite,
        "ifep_plafond_penalite": plafond.astype(np.int64),
    })
    return resultats


def _penalite_atypie(d: Donnees, r: Regles, categorie: np.ndarray) -> np.ndarray:
    """Abattement sur les actes en excès cumulés au terme de la période (0 si les pénalités ne sont pas en vigueur)."""
    n = d.n
    A = r.annee
    if A not in r.vigueur or not r.vigueur[A][1]:
        return np.zeros(n, dtype=np.int64)
    nc = r.nombre_categories
    groupes = ((r.entite_region.astype(np.int64) * nc + categorie, r.nombre_regions * nc), (categorie, nc))

    def donnees(annee):
        actes, activite, precedents = f64(d("ifep_atypie_actes", annee)), f64(d("ifep_atypie_activite", annee)), f64(d("ifep_atypie_actes", annee - 1))
        return actes, activite, precedents

    def ecart(annee, regles):
        actes, activite, precedents = donnees(annee)
        taux = quotient(actes, activite)
        suivi = precedents > 0
        evolution = quotient(actes, precedents, 1.0) - 1
        mesure = activite > 0
        retenu = np.zeros(n, dtype=bool)
        for (groupe, nombre), cle in zip(groupes, ("comparaison_regionale", "comparaison_nationale")):
            taux_moyen = quotient(np.bincount(groupe, actes * mesure, nombre), np.bincount(groupe, activite * mesure, nombre))[groupe]
            evolution_moyenne = (quotient(np.bincount(groupe, actes * suivi, nombre), np.bincount(groupe, precedents * suivi, nombre), 1.0) - 1)[groupe]
            au_dela = (taux > (1 + regles["seuil_ecart_niveau"]) * taux_moyen) | (suivi & (evolution > evolution_moyenne + regles["seuil_ecart_evolution"]))
            retenu |= (regles[cle] > 0) & au_dela
        return mesure & (actes >= regles["volume_minimal"]) & retenu

    zeros = np.zeros(n)
    rang, taux_reference, cumul, duree = zeros.astype(np.int64), zeros, zeros, zeros.astype(np.int64)
    cible = zeros > 0
    for annee in sorted(r.atypie):  # quelques années, pas les établissements
        regles = r.atypie[annee]
        en_cours = (rang >= 1) & (rang < duree)
        decision = d.colonnes.get(f"ciblage_ifep_atypie_{annee}")
        cible = (en_cours | ecart(annee - 1, regles)) if decision is None else decision.astype(bool)
        nouveau_rang = np.where(cible, np.where(en_cours, rang + 1, 1), 0)
        actes, activite, precedents = donnees(annee)
        taux_constat = quotient(precedents, d("ifep_atypie_activite", annee - 1))
        taux_reference = np.where(nouveau_rang == 1, taux_constat, np.where(nouveau_rang > 1, taux_reference, 0))
        objectif = np.where(cible, taux_reference * np.power(1 - regles["reduction_annuelle"], nouveau_rang) * activite, 0)
        depassement = np.where(cible, np.maximum(actes - objectif, 0), 0)
        compte = regles["exces_avant_penalites"] > 0 or r.vigueur[annee][1]
        cumul = depassement * compte + np.where(nouveau_rang > 1, cumul, 0)
        duree = np.where(nouveau_rang == 1, int(regles["duree_periode"]), np.where(nouveau_rang > 1, duree, 0))
        rang = nouveau_rang
    terme = cible & (rang >= duree)
    montant = r.atypie[A]["taux_abattement"] * f64(d("ifep_atypie_montant_moyen", A)) * cumul
    return np.where(terme, arrondi_euro(montant), 0).astype(np.int64)
