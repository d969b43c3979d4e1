"""Données synthétiques des indicateurs nationaux du CAQES 2022-2026 (PHEV, PMSI, transports).

Colonnes annuelles 2016-2027 de chaque indicateur national : dépenses PHEV (IEC et ARA II,
ézétimibe, IPP, PERFADOM, pansements), examens pré-anesthésiques, réhospitalisations pour
insuffisance cardiaque, transports prescrits (ambulance, transport assis).

Le calage reproduit exactement les effectifs ciblés des seeds : pour chaque indicateur, un
ensemble de sites « au profil ciblé » (`base.profil_cible`) passe les seuils sur l'année de
référence du ciblage (2019, puis 2023 pour les indicateurs dont le ciblage est actualisé en
2025) et les autres restent en dessous, avec des marges (3 % au moins) qui tiennent en float32.
Entre les années d'ancrage, les séries suivent des tendances : croissance avant 2022, effort des
établissements ciblés à partir de 2022 (baisse des dépenses, de la part de l'ambulance, des
réhospitalisations), bruit annuel ; l'écart imposé en 2023 est étalé de 2019 à 2023. Les seeds
comptent des contrats (entités juridiques pour le public) ; on compte ici des sites, chaque
contrat ciblé étant porté par un site principal.

Ordres de grandeur inventés, plausibles (aucune source) : prix d'une boîte d'IPP 6,20 € en 2019
(−3 % par an), coût d'une réhospitalisation pour IC 5 200 €, montant moyen de pansements par
patient de 60 € (psychiatrie) à 420 € (HAD) selon la catégorie, etc. (constantes ci-dessous).
"""

from __future__ import annotations

import numpy as np

import openfisca_caqes.systeme as systemes  # `systemes.systeme_de_base` lu à l'appel : les tests y substituent une loi d'essai

SOURCE_001 = "ARS Occitanie, présentation du nouveau CAQES (fin 2021)"
SOURCE_000 = "ARS Occitanie 2024, avenant de prorogation"
COMPTE = "effectif du seed (contrats) compté ici en sites"

CIBLAGES_ATTENDUS: list[tuple[str, int, int, str]] = [
    ("ciblage_iec_ara2", 2022, 11, f"{SOURCE_001}, « Indicateurs nationaux : Produits de Santé » : 11 (13 EG) ; {COMPTE}"),
    ("ciblage_ezetimibe", 2022, 4, f"{SOURCE_001}, « Indicateurs nationaux : Produits de Santé » : 4 (7 EG) ; {COMPTE}"),
    ("ciblage_ipp", 2022, 8, f"{SOURCE_001}, « Indicateurs nationaux : Produits de Santé » : 8 (13 EG) ; {COMPTE}"),
    ("ciblage_perfadom", 2022, 29, f"{SOURCE_001}, « Indicateurs nationaux : Produits de Santé » : 29 (41 EG) ; {COMPTE}"),
    ("ciblage_pansements", 2022, 13, f"{SOURCE_001}, « Indicateurs nationaux : Produits de Santé » : 13 (14 EG) ; {COMPTE}"),
    ("ciblage_epa", 2022, 28, f"{SOURCE_001}, « Examen pré anesthésique - Ciblage » : 28 (4 publics, 24 privés) ; {COMPTE}"),
    ("ciblage_insuffisance_cardiaque", 2022, 26, f"{SOURCE_001}, « Insuffisance cardiaque » : pré-ciblage national 26 ; {COMPTE}"),
    ("ciblage_transport_ambulance", 2022, 17, f"{SOURCE_001}, « Proposition d'écarter du ciblage national les privés » : 17 ; {COMPTE}"),
    ("ciblage_ezetimibe", 2024, 4, f"{SOURCE_000}, « Rappel des indicateurs du CAQES 2022-2024 » : 4 ; {COMPTE}"),
    ("ciblage_ipp", 2024, 8, f"{SOURCE_000}, « Rappel des indicateurs du CAQES 2022-2024 » : 8 ; {COMPTE}"),
    ("ciblage_perfadom", 2024, 29, f"{SOURCE_000}, « Rappel des indicateurs du CAQES 2022-2024 » : 29 ; {COMPTE}"),
    ("ciblage_pansements", 2024, 12, f"{SOURCE_000}, « Rappel des indicateurs du CAQES 2022-2024 » : 12 ; {COMPTE}"),
    ("ciblage_epa", 2024, 27, f"{SOURCE_000}, « Rappel des indicateurs du CAQES 2022-2024 » : 27 ; {COMPTE}"),
    ("ciblage_insuffisance_cardiaque", 2024, 25, f"{SOURCE_000}, « Rappel des indicateurs du CAQES 2022-2024 » : 25 ; {COMPTE}"),
    ("ciblage_transport_ambulance", 2024, 17, f"{SOURCE_000}, « Rappel des indicateurs du CAQES 2022-2024 » : 17 ; {COMPTE}"),
    ("ciblage_ipp", 2025, 8, f"{SOURCE_000}, « Indicateurs du CAQES 2025-2026 » : 8 ; {COMPTE}"),
    ("ciblage_perfadom", 2025, 29, f"{SOURCE_000}, « Indicateurs du CAQES 2025-2026 » : 29 ; {COMPTE}"),
    ("ciblage_pansements", 2025, 12, f"{SOURCE_000}, « Indicateurs du CAQES 2025-2026 » : 12 ; {COMPTE}"),
    ("ciblage_insuffisance_cardiaque", 2025, 25, f"{SOURCE_000}, « Indicateurs du CAQES 2025-2026 » : 25 ; {COMPTE}"),
    ("ciblage_transport_ambulance", 2025, 17, f"{SOURCE_000}, « Indicateurs du CAQES 2025-2026 » : 17 ; {COMPTE}"),
]

ANNEE_DONNEES = 2019  # données du ciblage 2022-2024
ANNEE_ACTUALISATION = 2023  # données du ciblage 2025-2026 (indicateurs actualisés)
DEBUT_EFFORT = 2022  # premières années évaluées : les établissements ciblés réduisent leurs dépenses
MARGE_HAUTE = (1.04, 1.6)  # au-dessus d'un seuil : seuil × U(1,04 ; 1,6)
MARGE_BASSE = (0.55, 0.96)  # en dessous d'un seuil : seuil × U(0,55 ; 0,96)

# Effectifs de l'Occitanie (seed 001) : viviers par volet parmi les sites au profil ciblé, puis
# tranches [début, fin) de ces viviers par indicateur. Publics : 31 profils MCO, privés : 38.
VIVIERS = {  # volet : (publics, privés)
    "produits_sante": (22, 15),  # « 37 établissements ciblés … (22 ETB public-ESPIC et 15 ETB privé) »
    "pertinence": (15, 24),  # « Volet Pertinence : 15 MCO Publics/ESPIC, 24 MCO Privés »
    "organisation_soins": (19, 0),  # « Volet Organisation des soins : 19 MCO Publics/ESPIC » (transport : publics)
}
PROFILS_OCCITANIE = (31, 38)
# indicateur : (volet, tranches publiques, tranches privées) pour 2019 puis 2023 ; chaque site du
# vivier des produits de santé a au moins un indicateur (37 sites pour 65 ciblages).
TRANCHES = {
    "perfadom": ("produits_sante", ((0, 16), (1, 18)), ((0, 13), (1, 13))),
    "pansements": ("produits_sante", ((3, 11), (4, 12)), ((2, 7), (3, 7))),
    "ezetimibe": ("produits_sante", ((10, 13), (10, 13)), ((8, 9), (8, 9))),
    "ipp": ("produits_sante", ((14, 20), (15, 21)), ((5, 7), (5, 7))),
    "iec_ara2": ("produits_sante", ((15, 22), (15, 22)), ((11, 15), (11, 15))),
    "insuffisance_cardiaque": ("pertinence", ((0, 15), (0, 15)), ((0, 11), (0, 11))),
    "epa": ("pertinence", ((11, 15), (11, 15)), ((0, 24), (0, 24))),
    "transport_ambulance": ("organisation_soins", ((0, 17), (1, 18)), ((0, 0), (0, 0))),
}
EPA_PRECIBLES_NON_RETENUS, EPA_RETENUS_OCCITANIE = 47, 28  # seed 001 : 75 établissements au pré-ciblage national, 28 retenus
TRANSPORT_GROS_SANS_AMBULANCE = 2  # seed 001 : 17 ciblés régionaux dont 2 non ciblés au national
TRANSPORT_NATIONAL_SOUS_SEUIL_REGIONAL = 2  # seed 001 : 2 ciblés au national, non ciblés régionaux
TRANSPORT_PRIVES_ECARTES = {"mco_prive": 1, "ssr_prive": 1, "dialyse": 10}  # seed 001 : 1 clinique MCO, 1 SSR, 10 dialyses

SEUIL_TRANSPORT_REGIONAL = 1_500_000  # seed 001, transport régional : « Dépenses 2019 transports > à 1,5 millions d'€ »


def _seuils() -> dict[str, float]:
    """Les seuils de ciblage que les données doivent franchir ou non, lus dans la loi (campagne 2022, Occitanie)."""

    loi = systemes.systeme_de_base().parameters("2022-01-01").caqes
    sante, epa = loi.produits_sante.nationaux, loi.pertinence.nationaux.epa
    transport = loi.organisation_soins.nationaux.transport_ambulance
    return {
        "ara2_taux": sante.iec_ara2.taux_ara2_minimum, "ara2_depense": sante.iec_ara2.depense_ara2_minimum,
        "ezetimibe_taux": sante.ezetimibe.taux_ezetimibe_minimum, "ezetimibe_depense": sante.ezetimibe.depense_minimum,
        "ipp_boites": sante.ipp.nombre_boites_minimum,
        "perfadom_taux": sante.perfadom.taux_systemes_actifs_diffuseurs_minimum,
        "perfadom_depense": sante.perfadom.depense_systemes_actifs_diffuseurs_minimum,
        "pansements_patients": sante.pansements.nombre_patients_seuil,
        "pansements_surcout": sante.pansements.surcout_moyen_categorie_seuil,
        "epa_nombre": epa.nombre_epa_seuil, "epa_somme": epa.ciblage_regional.somme_evitable_minimum.occitanie,
        "epa_somme_bis": epa.ciblage_regional.somme_evitable_seuil.occitanie,
        "epa_part_actes": epa.ciblage_regional.part_actes_evitables_minimum.occitanie,
        "transport_part": transport.part_ambulance_minimum, "transport_ambulance": transport.depense_ambulance_minimum,
    }


FAMILLES = ("mco_public", "mco_prive", "ssr", "psy", "had", "dialyse")
BOITES_IPP = {"mco_public": 3_500, "mco_prive": 2_500, "ssr": 700, "psy": 900, "had": 300, "dialyse": 150}
PRIX_BOITE_IPP, BAISSE_PRIX_IPP = 6.2, -0.03
ARA2 = {"mco_public": 12_000, "mco_prive": 9_000, "ssr": 3_000, "psy": 1_500, "had": 800, "dialyse": 2_500}
EZETIMIBE = {"mco_public": 9_000, "mco_prive": 7_000, "ssr": 2_000, "psy": 800, "had": 300, "dialyse": 1_500}
PERFADOM = {"mco_public": 90_000, "mco_prive": 110_000, "ssr": 15_000, "psy": 1_000, "had": 40_000, "dialyse": 3_000}
PATIENTS_PANSEMENTS = {"mco_public": 900, "mco_prive": 500, "ssr": 350, "psy": 80, "had": 250, "dialyse": 60}
MOYENNE_PANSEMENTS = {  # € par patient, moyenne nationale de la catégorie en 2019
    "mco_public": 180.0, "mco_prive": 150.0, "ssr_public": 230.0, "ssr_prive": 210.0, "psy_public": 60.0,
    "psy_prive": 60.0, "had": 420.0, "had_sans_pui": 420.0, "dialyse": 90.0,
}
EPA_PAR_TAILLE = {"mco_public": 2_200, "mco_prive": 3_000}
EPA_REPARTITION = {  # part de chaque sous-indicateur dans la somme évitable
    "depense_evitable_epa_hemostase_enfant": 0.1, "depense_evitable_epa_hemostase_adulte": 0.45,
    "depense_evitable_epa_groupe_sanguin": 0.25, "depense_evitable_epa_ionogramme": 0.2,
}
SEJOURS_IC = {"mco_public": 180, "mco_prive": 60}
IC_NATIONAL_2019 = {  # statistiques nationales (Q1 et médiane des séjours, médiane et Q3 du taux)
    "sejours_ic_premier_quartile_national": 60.0, "sejours_ic_mediane_nationale": 120.0,
    "taux_rehospitalisation_ic_mediane_nationale": 0.20, "taux_rehospitalisation_ic_troisieme_quartile_national": 0.26,
}
COUT_REHOSPITALISATION_IC = 5_200.0
TRANSPORT_TOTAL = {"mco_public": 900_000, "mco_prive": 350_000, "ssr": 250_000, "psy": 150_000, "had": 40_000, "dialyse": 700_000}
CROISSANCE_PRIX = 0.02


def _famille(categorie: np.ndarray) -> np.ndarray:
    famille = np.char.partition(categorie.astype(str), "_")[:, 0]
    return np.where(np.isin(categorie, ("mco_public", "mco_prive")), categorie, famille)


def _par(cles: np.ndarray, valeurs: dict[str, float]) -> np.ndarray:
    return np.array([valeurs.get(c, 0.0) for c in np.unique(cles)])[np.unique(cles, return_inverse=True)[1]]


class _Annees:
    """Les années générées et les outils de trajectoire (n sites × années)."""

    def __init__(self, base, rng):
        self.base, self.rng, self.n = base, rng, base.n
        self.annees = np.asarray(base.annees)
        self.i_donnees = int(np.flatnonzero(self.annees == ANNEE_DONNEES)[0])
        self.i_actualisation = int(np.flatnonzero(self.annees == ANNEE_ACTUALISATION)[0])

    def trajectoire(self, niveau, avant, apres, bruit):
        """niveau × croissances cumulées depuis 2019 (`avant` jusqu'en 2021, `apres` ensuite) × bruit (sauf ancres)."""
        avant = np.broadcast_to(avant, (self.n,))
        apres = np.broadcast_to(apres, (self.n,))
        croissance = np.where(self.annees[None, :] >= DEBUT_EFFORT, apres[:, None], avant[:, None])
        cumul = np.cumsum(np.log1p(croissance), axis=1)
        bruits = self.rng.lognormal(0.0, bruit, (self.n, len(self.annees)))
        bruits[:, [self.i_donnees, self.i_actualisation]] = 1.0
        return niveau[:, None] * np.exp(cumul - cumul[:, [self.i_donnees]]) * bruits

    def recaler(self, serie, cible):
        """Fait passer la série par `cible` en 2023, l'écart étalé de 2019 à 2023 (et gardé ensuite)."""
        actuelle = serie[:, self.i_actualisation]
        facteur = np.divide(cible, actuelle, out=np.ones(self.n), where=actuelle > 0)
        poids = np.clip((self.annees - ANNEE_DONNEES) / (ANNEE_ACTUALISATION - ANNEE_DONNEES), 0, 1)
        return serie * facteur[:, None] ** poids[None, :]

    def au_dessus(self, seuil, valeur=None):
        tirage = seuil * self.rng.uniform(*MARGE_HAUTE, self.n)
        return tirage if valeur is None else np.maximum(valeur, tirage)

    def en_dessous(self, seuil, valeur=None):
        tirage = seuil * self.rng.uniform(*MARGE_BASSE, self.n)
        return tirage if valeur is None else np.minimum(valeur, tirage)

    def colonnes(self, nom, serie, decimales=2, entier=False):
        valeurs = np.round(serie).astype(np.int64) if entier else np.round(serie, decimales)
        return {f"{nom}_{annee}": valeurs[:, j] for j, annee in enumerate(self.annees)}


def _echelle(base) -> tuple[float, float]:
    """Taille de la population rapportée à l'Occitanie des seeds (sites MCO publics, privés au profil ciblé)."""
    publics = np.sum(base.profil_cible & (base.categorie == "mco_public"))
    prives = np.sum(base.profil_cible & (base.categorie == "mco_prive"))
    return publics / PROFILS_OCCITANIE[0], prives / PROFILS_OCCITANIE[1]


def _ensembles(base, rng, echelle):
    """Pour chaque indicateur, les sites ciblés sur les données 2019 et 2023 ; et le vivier du transport, ordonné."""
    publics = np.flatnonzero(base.profil_cible & (base.categorie == "mco_public"))
    prives = np.flatnonzero(base.profil_cible & (base.categorie == "mco_prive"))
    viviers = {
        volet: (rng.permutation(publics)[: round(taille_pub * echelle[0])], rng.permutation(prives)[: round(taille_priv * echelle[1])])
        for volet, (taille_pub, taille_priv) in VIVIERS.items()
    }

    def tranche(vivier, bornes, reference):
        debut, fin = (round(b * len(vivier) / reference) if reference else 0 for b in bornes)
        return vivier[debut:fin]

    ensembles = {}
    for indicateur, (volet, tranches_pub, tranches_priv) in TRANCHES.items():
        vivier_pub, vivier_priv = viviers[volet]
        references = VIVIERS[volet]
        sites = []
        for rang in (0, 1):
            choisis = np.r_[tranche(vivier_pub, tranches_pub[rang], references[0]), tranche(vivier_priv, tranches_priv[rang], references[1])]
            masque = np.zeros(base.n, bool)
            masque[choisis.astype(np.int64)] = True
            sites.append(masque)
        ensembles[indicateur] = tuple(sites)
    return ensembles, viviers["organisation_soins"][0]


def _deux_criteres(a, taux, montant, cible, seuil_taux, seuil_montant):
    """Ciblés : les deux critères franchis ; les autres : au moins un critère manqué."""
    taux = np.where(cible, a.au_dessus(seuil_taux, taux), taux)
    montant = np.where(cible, a.au_dessus(seuil_montant, montant), montant)
    passe = (taux >= seuil_taux * MARGE_BASSE[1]) & (montant >= seuil_montant * MARGE_BASSE[1])
    rater_taux = a.rng.random(a.n) < 0.5
    taux = np.where(~cible & passe & rater_taux, a.en_dessous(seuil_taux), taux)
    montant = np.where(~cible & passe & ~rater_taux, a.en_dessous(seuil_montant), montant)
    return taux, montant


def _iec_ara2(a, famille, cibles, seuils) -> dict[str, np.ndarray]:
    taille = a.base.taille * a.rng.lognormal(0.0, 0.4, a.n)
    taux, depense = _deux_criteres(
        a, a.rng.uniform(0.2, 0.55, a.n), _par(famille, ARA2) * taille, cibles[0], seuils["ara2_taux"], seuils["ara2_depense"]
    )
    ara2 = a.trajectoire(depense, -0.04, np.where(cibles[0], -0.08, -0.04), 0.06)
    iec = a.trajectoire(depense * a.rng.uniform(0.3, 0.6, a.n), -0.03, -0.03, 0.06)
    taux_serie = np.clip(a.trajectoire(taux, -0.01, -0.015, 0.03), 0, 0.99)
    return a.colonnes("depense_phev_ara2", ara2) | a.colonnes("depense_phev_iec", iec) | a.colonnes("taux_ara2_ucd", taux_serie, 4)


def _ezetimibe(a, famille, cibles, seuils) -> dict[str, np.ndarray]:
    taille = a.base.taille * a.rng.lognormal(0.0, 0.4, a.n)
    taux, depense = _deux_criteres(
        a, a.rng.uniform(0.03, 0.12, a.n), _par(famille, EZETIMIBE) * taille, cibles[0],
        seuils["ezetimibe_taux"], seuils["ezetimibe_depense"],
    )
    serie = a.trajectoire(depense, -0.05, np.where(cibles[0], a.rng.uniform(-0.14, 0.0, a.n), -0.03), 0.05)
    taux_serie = np.clip(a.trajectoire(taux, 0.0, np.where(cibles[0], -0.05, 0.0), 0.03), 0, 0.99)
    return a.colonnes("depense_phev_ezetimibe", serie) | a.colonnes("taux_ezetimibe_ucd", taux_serie, 4)


def _ipp(a, famille, cibles, seuils) -> dict[str, np.ndarray]:
    seuil = seuils["ipp_boites"]
    boites = _par(famille, BOITES_IPP) * a.base.taille * a.rng.lognormal(0.0, 0.3, a.n)
    boites = np.where(cibles[0], a.au_dessus(seuil, boites), a.en_dessous(seuil, boites))
    effort = np.where(cibles[0] | cibles[1], a.rng.uniform(-0.08, 0.01, a.n), a.rng.uniform(-0.01, 0.02, a.n))
    serie = a.trajectoire(boites, 0.015, effort, 0.03)
    en_2023 = serie[:, a.i_actualisation]
    serie = a.recaler(serie, np.where(cibles[1], a.au_dessus(seuil, en_2023), a.en_dessous(seuil, en_2023)))
    serie = np.round(serie)
    prix = a.trajectoire(np.full(a.n, PRIX_BOITE_IPP) * a.rng.uniform(0.85, 1.15, a.n), BAISSE_PRIX_IPP, BAISSE_PRIX_IPP, 0.02)
    return a.colonnes("nombre_boites_ipp", serie, entier=True) | a.colonnes("depense_phev_ipp", serie * prix)


def _perfadom(a, famille, cibles, seuils) -> dict[str, np.ndarray]:
    seuil_taux, seuil_depense = seuils["perfadom_taux"], seuils["perfadom_depense"]
    total = _par(famille, PERFADOM) * a.base.taille * a.rng.lognormal(0.0, 0.4, a.n)
    taux, couteux = _deux_criteres(a, a.rng.uniform(0.55, 0.92, a.n), total * 0.75, cibles[0], seuil_taux, seuil_depense)
    taux = np.minimum(taux, 0.97)
    cible_2023 = cibles[1]
    # Taux : les ciblés reportent des perfusions vers la gravité à partir de 2022.
    taux_serie = a.trajectoire(taux, 0.005, np.where(cibles[0], a.rng.uniform(-0.04, 0.0, a.n), 0.0), 0.015)
    taux_2023 = taux_serie[:, a.i_actualisation]
    taux_2023 = np.where(cible_2023, np.clip(np.maximum(taux_2023, seuil_taux * a.rng.uniform(1.02, 1.08, a.n)), 0, 0.97), taux_2023)
    couteux_serie = a.trajectoire(couteux, 0.04, np.where(cibles[0], a.rng.uniform(-0.08, 0.02, a.n), 0.04), 0.04)
    couteux_2023 = couteux_serie[:, a.i_actualisation]
    couteux_2023 = np.where(cible_2023, a.au_dessus(seuil_depense, couteux_2023), couteux_2023)
    passe = (taux_2023 >= seuil_taux * MARGE_BASSE[1]) & (couteux_2023 >= seuil_depense * MARGE_BASSE[1])
    taux_2023 = np.where(~cible_2023 & passe, a.en_dessous(seuil_taux, taux_2023), taux_2023)
    taux_serie = np.clip(a.recaler(taux_serie, taux_2023), 0, 0.97)
    couteux_serie = a.recaler(couteux_serie, couteux_2023)
    gravite = couteux_serie * (1 - taux_serie) / taux_serie
    diffuseurs = couteux_serie * a.rng.uniform(0.5, 0.7, a.n)[:, None]
    return (
        a.colonnes("depense_perfadom_gravite", gravite)
        | a.colonnes("depense_perfadom_diffuseurs", diffuseurs)
        | a.colonnes("depense_perfadom_systemes_actifs", couteux_serie - diffuseurs)
    )


def _pansements(a, famille, cibles, seuils) -> dict[str, np.ndarray]:
    categorie_moyenne = a.trajectoire(_par(a.base.categorie, MOYENNE_PANSEMENTS), CROISSANCE_PRIX, CROISSANCE_PRIX, 0.0)
    ecart_max = 1 + seuils["pansements_surcout"]
    seuil_patients = seuils["pansements_patients"]
    patients = _par(famille, PATIENTS_PANSEMENTS) * a.base.taille * a.rng.lognormal(0.0, 0.3, a.n)
    ratio = a.rng.lognormal(0.0, 0.15, a.n)
    ratio = np.where(cibles[0], a.au_dessus(ecart_max, ratio), np.minimum(ratio, a.en_dessous(ecart_max)))
    patients = np.where(cibles[0], a.au_dessus(seuil_patients, patients), patients)
    patients_serie = np.round(a.trajectoire(patients, 0.02, 0.02, 0.04))
    effort = np.where(cibles[0], a.rng.uniform(-0.09, 0.01, a.n), a.rng.uniform(0.0, 0.03, a.n))
    ratio_serie = a.trajectoire(ratio, 0.0, effort, 0.03)
    ratio_2023 = ratio_serie[:, a.i_actualisation]
    ratio_2023 = np.where(cibles[1], a.au_dessus(ecart_max, ratio_2023), np.minimum(ratio_2023, a.en_dessous(ecart_max)))
    ratio_serie = a.recaler(ratio_serie, ratio_2023)
    # Un site ciblé en 2023 garde plus de 100 patients cette année-là.
    patients_serie[:, a.i_actualisation] = np.where(
        cibles[1], np.maximum(patients_serie[:, a.i_actualisation], np.ceil(seuil_patients * MARGE_HAUTE[0]) + 1),
        patients_serie[:, a.i_actualisation],
    )
    depense = patients_serie * ratio_serie * categorie_moyenne
    return (
        a.colonnes("nombre_patients_pansements", patients_serie, entier=True)
        | a.colonnes("depense_phev_pansements", depense)
        | a.colonnes("montant_moyen_pansements_categorie", categorie_moyenne)
    )


def _epa(a, famille, cibles, seuils) -> dict[str, np.ndarray]:
    retenus = cibles[0]
    mco = np.isin(a.base.categorie, tuple(EPA_PAR_TAILLE))
    candidats = np.flatnonzero(mco & ~retenus)
    nombre_autres = min(len(candidats), round(EPA_PRECIBLES_NON_RETENUS * retenus.sum() / EPA_RETENUS_OCCITANIE))
    autres = np.zeros(a.n, bool)
    autres[a.rng.permutation(candidats)[:nombre_autres]] = True
    precibles = retenus | autres
    activite = _par(a.base.categorie, EPA_PAR_TAILLE) * a.base.taille * a.rng.lognormal(0.0, 0.3, a.n)
    activite = np.where(precibles, a.au_dessus(seuils["epa_nombre"], activite), np.minimum(activite, a.en_dessous(seuils["epa_nombre"])))
    inutiles = np.where(precibles | (a.rng.random(a.n) < 0.7), a.rng.uniform(0.02, 0.35, a.n), 0.0)
    actes = a.rng.uniform(0.03, 0.3, a.n)
    somme = activite * inutiles * a.rng.uniform(12.0, 30.0, a.n)
    # Retenus : somme ≥ 10 000 €, ou > 5 500 € avec au moins 15 % d'actes évitables ; les autres pré-ciblés non.
    par_somme = a.rng.random(a.n) < 0.7
    somme = np.where(retenus & par_somme, a.au_dessus(seuils["epa_somme"], somme), somme)
    somme = np.where(retenus & ~par_somme, seuils["epa_somme_bis"] * a.rng.uniform(1.05, 1.7, a.n), somme)
    actes = np.where(retenus & ~par_somme, a.au_dessus(seuils["epa_part_actes"]), actes)
    somme = np.where(autres, np.minimum(somme, a.en_dessous(seuils["epa_somme_bis"])), somme)
    activite_serie = np.round(a.trajectoire(activite, 0.01, 0.01, 0.03))
    somme_serie = a.trajectoire(somme, 0.02, np.where(retenus, a.rng.uniform(-0.2, 0.03, a.n), 0.0), 0.06)
    colonnes = a.colonnes("nombre_epa", activite_serie, entier=True)
    colonnes |= a.colonnes("part_sejours_epa_inutiles", np.clip(a.trajectoire(inutiles, 0.0, 0.0, 0.05), 0, 1), 4)
    colonnes |= a.colonnes("part_actes_epa_evitables", np.clip(a.trajectoire(actes, 0.0, 0.0, 0.0), 0, 1), 4)
    parts = np.array(list(EPA_REPARTITION.values()))[:, None] * a.rng.uniform(0.7, 1.3, (len(EPA_REPARTITION), a.n))
    parts /= parts.sum(axis=0)
    # Les sous-indicateurs ne sont pas arrondis au centime, pour que leur somme reste du bon côté des seuils.
    for part, nom in zip(parts, EPA_REPARTITION):
        colonnes |= a.colonnes(nom, somme_serie * part[:, None], 4)
    return colonnes


def _insuffisance_cardiaque(a, famille, cibles, seuils) -> dict[str, np.ndarray]:
    stats = IC_NATIONAL_2019
    cible = cibles[0]
    sejours = _par(a.base.categorie, SEJOURS_IC) * a.base.taille * a.rng.lognormal(0.0, 0.3, a.n)
    grand = sejours > stats["sejours_ic_mediane_nationale"] * 1.04
    # Ciblés : au-dessus de la norme (séjours et taux > médianes) ou petite activité à fort taux (> Q1, taux > Q3).
    sejours = np.where(cible & ~grand, np.clip(sejours, stats["sejours_ic_premier_quartile_national"] * 1.1, stats["sejours_ic_mediane_nationale"] * 0.97), sejours)
    taux = np.where(
        cible,
        np.where(grand, a.rng.uniform(0.21, 0.3, a.n), a.rng.uniform(0.275, 0.36, a.n)),
        np.where(sejours <= stats["sejours_ic_premier_quartile_national"] * 0.9, a.rng.uniform(0.1, 0.4, a.n), a.rng.uniform(0.08, 0.19, a.n)),
    )
    sejours = np.round(sejours)
    rehospitalisations = np.where(cible, np.ceil(taux * sejours), np.floor(taux * sejours))
    sejours_serie = np.round(a.trajectoire(sejours, 0.02, 0.02, 0.05))
    taux_serie = np.clip(a.trajectoire(taux, 0.0, np.where(cible, a.rng.uniform(-0.1, 0.03, a.n), 0.0), 0.05), 0, 0.6)
    rehospitalisations_serie = np.round(taux_serie * sejours_serie)
    rehospitalisations_serie[:, a.i_donnees] = rehospitalisations
    sejours_serie[:, a.i_donnees] = sejours
    cout = a.trajectoire(np.full(a.n, COUT_REHOSPITALISATION_IC) * a.rng.uniform(0.85, 1.2, a.n), CROISSANCE_PRIX, CROISSANCE_PRIX, 0.04)
    colonnes = a.colonnes("nombre_sejours_ic", sejours_serie, entier=True)
    colonnes |= a.colonnes("nombre_rehospitalisations_ic", rehospitalisations_serie, entier=True)
    colonnes |= a.colonnes("depense_rehospitalisations_ic", rehospitalisations_serie * cout)
    for nom, valeur in stats.items():
        colonnes |= a.colonnes(nom, np.full((a.n, len(a.annees)), valeur), 4)
    return colonnes


def _transport(a, famille, cibles, seuils, ordre, echelle) -> dict[str, np.ndarray]:
    base, rng = a.base, a.rng
    seuil_part, seuil_ambulance, seuil_regional = seuils["transport_part"], seuils["transport_ambulance"], SEUIL_TRANSPORT_REGIONAL
    total = _par(famille, TRANSPORT_TOTAL) * base.taille * rng.lognormal(0.0, 0.3, a.n)
    total = np.minimum(total, seuil_regional * rng.uniform(0.5, 0.97, a.n))  # seuls les sites désignés dépassent 1,5 M€
    part = rng.uniform(0.08, 0.35, a.n)
    taille_vivier = len(ordre)
    national_2019 = cibles[0]
    n_sous = round(TRANSPORT_NATIONAL_SOUS_SEUIL_REGIONAL * taille_vivier / VIVIERS["organisation_soins"][0])
    n_gros = round(TRANSPORT_GROS_SANS_AMBULANCE * taille_vivier / VIVIERS["organisation_soins"][0])
    nationaux = ordre[national_2019[ordre]]
    sous_seuil = np.isin(np.arange(a.n), nationaux[len(nationaux) - n_sous:])
    gros_sans_ambulance = np.isin(np.arange(a.n), ordre[~national_2019[ordre]][:n_gros])
    # Ciblés nationaux : part ≥ 20 %, ambulance ≥ 400 000 € ; la plupart dépassent 1,5 M€ de transports.
    total = np.where(national_2019 & ~sous_seuil, seuil_regional * np.maximum(rng.uniform(1.1, 2.6, a.n) * np.sqrt(base.taille), 1.05), total)
    total = np.where(sous_seuil, seuil_regional * rng.uniform(0.8, 0.97, a.n), total)
    part = np.where(national_2019, np.maximum(seuil_part * rng.uniform(1.1, 2.0, a.n), 1.04 * seuil_ambulance / total), part)
    total = np.where(gros_sans_ambulance, seuil_regional * rng.uniform(1.1, 2.0, a.n), total)
    part = np.where(gros_sans_ambulance, a.en_dessous(seuil_part), part)
    # Privés lucratifs qui passeraient les seuils nationaux (écartés en Occitanie), sous 1,5 M€.
    ecartes = np.zeros(a.n, bool)
    for categorie, nombre in TRANSPORT_PRIVES_ECARTES.items():
        candidats = np.flatnonzero((base.categorie == categorie) & (base.statut == "prive_lucratif") & ~base.profil_cible)
        ecartes[rng.permutation(candidats)[: round(nombre * echelle[1])]] = True
    total = np.where(ecartes, seuil_regional * rng.uniform(0.85, 0.97, a.n), total)
    part = np.where(ecartes, rng.uniform(0.34, 0.45, a.n), part)
    # Les autres ne passent pas les deux seuils nationaux.
    autres = ~national_2019 & ~ecartes
    passe = (part >= seuil_part * MARGE_BASSE[1]) & (part * total >= seuil_ambulance * MARGE_BASSE[1])
    part = np.where(autres & passe, a.en_dessous(seuil_part), part)
    # Trajectoires : transports +3 % par an ; les ciblés réduisent la part de l'ambulance à partir de 2022.
    effort = np.where(national_2019 | cibles[1], rng.uniform(-0.08, 0.02, a.n), rng.uniform(-0.01, 0.01, a.n))
    total_serie = a.trajectoire(total, 0.03, 0.03, 0.03)
    part_serie = a.trajectoire(part, 0.0, effort, 0.03)
    # Actualisation 2023 : le vivier change d'un site (un sort, un entre), les autres restent du bon côté.
    cible_2023 = cibles[1] | (ecartes & ~cibles[1])
    part_2023, total_2023 = part_serie[:, a.i_actualisation], total_serie[:, a.i_actualisation]
    part_2023 = np.where(cible_2023, np.maximum(part_2023, np.maximum(seuil_part * rng.uniform(1.04, 1.3, a.n), 1.04 * seuil_ambulance / total_2023)), part_2023)
    passe = (part_2023 >= seuil_part * MARGE_BASSE[1]) & (part_2023 * total_2023 >= seuil_ambulance * MARGE_BASSE[1])
    part_2023 = np.where(~cible_2023 & passe, a.en_dessous(seuil_part), part_2023)
    part_serie = np.clip(a.recaler(part_serie, part_2023), 0, 0.9)
    ambulance = total_serie * part_serie
    return a.colonnes("depense_transport_ambulance", ambulance) | a.colonnes("depense_transport_assis", total_serie - ambulance)


def generer(base) -> dict[str, np.ndarray]:
    rng = base.rng("nationaux")
    a = _Annees(base, rng)
    famille = _famille(base.categorie)
    seuils = _seuils()
    echelle = _echelle(base)
    ensembles, vivier_transport = _ensembles(base, rng, echelle)
    colonnes: dict[str, np.ndarray] = {}
    colonnes |= _iec_ara2(a, famille, ensembles["iec_ara2"], seuils)
    colonnes |= _ezetimibe(a, famille, ensembles["ezetimibe"], seuils)
    colonnes |= _ipp(a, famille, ensembles["ipp"], seuils)
    colonnes |= _perfadom(a, famille, ensembles["perfadom"], seuils)
    colonnes |= _pansements(a, famille, ensembles["pansements"], seuils)
    colonnes |= _epa(a, famille, ensembles["epa"], seuils)
    colonnes |= _insuffisance_cardiaque(a, famille, ensembles["insuffisance_cardiaque"], seuils)
    colonnes |= _transport(a, famille, ensembles["transport_ambulance"], seuils, vivier_transport, echelle)
    return colonnes
