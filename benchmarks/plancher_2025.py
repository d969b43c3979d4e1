"""Le plancher du calcul : les règles du régime 2025 (année évaluée 2025) écrites en numpy seul.

Même loi que `variables/` (indicateurs nationaux, indicateurs régionaux, enveloppe régionale
fermée, refus de signer, solde), mêmes données, mêmes types de stockage que le paquet (float64
pour les `float`, int64 pour les `int` : `openfisca_caqes.base.Variable` ; un résultat de
variable est converti dans son type),
pour que les nombres soient IDENTIQUES à ceux de la comparaison (le banc le vérifie, montant par
montant). Rien n'est sauté : chaque formule de l'année est calculée pour chaque établissement,
comme le fait OpenFisca. Ce qui manque au plancher, c'est le moteur : ni graphe de dépendances,
ni cache par période, ni conversion d'unités, ni trace.

Les valeurs des paramètres (taux, seuils, années de référence, par région) sont lues dans la loi
avant la mesure (`preparer`) : ce sont des données du plancher, pas du calcul. Les tables par
région sont construites sur les régions présentes ; la mesure (`calculer`) les projette sur les
établissements. La répartition de l'enveloppe est celle du plancher
(`benchmarks/plancher_repartition.py`, même règle, autre algorithme que
`openfisca_caqes.repartition`) : une erreur du partage du paquet ne se recopie pas ici.

Si la loi change (un indicateur régional réécrit), le banc le dit : la vérification d'égalité
échoue et nomme la variable qui diffère.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
from openfisca_core.indexed_enums import Enum

from openfisca_caqes.formules import DECIMALES_COMPARAISON, INDICATEURS_REGIONAUX
from openfisca_caqes.montants import arrondi_euro
from openfisca_caqes.regions import par_region
from openfisca_caqes.repartition import repartir

ANNEE = 2025
DECIMALES = DECIMALES_COMPARAISON

# Les sorties comparées à la colonne 2025 de `comparaison.comparer` (mêmes noms).
SORTIES = (
    "interessement", "penalite", "solde", "produits_reference", "dans_champ",
    "interessement_national", "interessement_regional", "interessement_regional_verse",
    "penalite_refus_signature", "penalite_non_atteinte", "score_volet_obligatoire",
    "ifep_dotation_complementaire", "ifep_penalite", "ifep_plafond_penalite",
)


from benchmarks.plancher_repartition import repartir_plancher  # noqa: E402  (le partage du plancher, pas celui du paquet)

# Le partage du paquet (importé plus haut) : tests/banc le compare au partage du plancher, jamais le calcul.
PARTAGE_DU_PAQUET = repartir

# Ce que le dernier calcul a rencontré : régions où l'enveloppe est liante, établissements plafonnés.
STATISTIQUES: dict = {}


# --- outils numpy (les mêmes opérations que les formules, sur les mêmes types) --------------------

def f64(x):
    return np.asarray(x).astype(np.float64)


def i64(x):
    return np.asarray(x).astype(np.int64)


def au_moins(valeur, seuil):
    return np.round(np.asarray(valeur, dtype=np.float64) - seuil, DECIMALES) >= 0


def plus_que(valeur, seuil):
    return np.round(np.asarray(valeur, dtype=np.float64) - seuil, DECIMALES) > 0


def difference(valeur, reference):
    return np.round(np.asarray(valeur, dtype=np.float64) - np.asarray(reference, dtype=np.float64), DECIMALES)


def rapport(numerateur, denominateur):
    denominateur = np.asarray(denominateur, dtype=np.float64)
    return np.where(denominateur > 0, numerateur / np.where(denominateur > 0, denominateur, 1), 0)


def quotient(numerateur, denominateur):
    """numpy.divide(..., where=denominateur > 0), nul ailleurs (les formules nationales)."""
    return np.divide(numerateur, denominateur, out=np.zeros(len(denominateur)), where=denominateur > 0)


def part_atteinte(realise, cible, seuil):
    ratio = rapport(realise, cible)
    atteinte = au_moins(realise, cible) & (np.asarray(cible) > 0)
    return np.where(atteinte, 1, np.where(au_moins(ratio, seuil), np.minimum(ratio, 1), 0))


# --- préparation (hors mesure) : données typées et paramètres --------------------------------------

@dataclass
class Donnees:
    """Les colonnes du fichier, typées comme OpenFisca les stocke ; une donnée absente vaut le défaut."""

    colonnes: dict
    types: dict
    defauts: dict
    n: int
    _absentes: dict = field(default_factory=dict)

    def __call__(self, variable: str, annee: int | None = None) -> np.ndarray:
        cle = variable if annee is None else f"{variable}_{annee}"
        valeur = self.colonnes.get(cle)
        if valeur is None:
            valeur = self._absentes.get(variable)
            if valeur is None:
                valeur = np.full(self.n, self.defauts[variable], dtype=self.types[variable])
                self._absentes[variable] = valeur
        return valeur


@dataclass
class Regles:
    """Les paramètres du régime : scalaires nationaux et tables par région (régions présentes)."""

    nationaux: dict
    regionaux: dict  # (indicateur ou chemin, instant, clé) -> table sur les régions présentes
    annees: dict  # (indicateur, instant, clé) -> années distinctes (> 0) de la table
    presentes: np.ndarray  # indices de région présents (triés)
    rang_region: np.ndarray  # pour chaque établissement, rang de sa région dans `presentes`
    entite_region: np.ndarray  # pour chaque établissement, l'indice de sa région dans l'entité Region
    nombre_regions: int
    enveloppe: np.ndarray  # int64, une valeur par région (entité Region)
    categories: dict  # nom -> indice de CategorieEtablissement
    prive_lucratif: int
    options: dict  # OptionChirurgieAmbulatoire
    annee: int = ANNEE  # l'année évaluée


def _dtype(variable) -> type:
    if variable.value_type is float:
        return np.float64
    if variable.value_type is int:
        return np.int64
    if variable.value_type is bool:
        return np.bool_
    return np.int16  # Enum : l'indice du membre


def donnees_du_tableau(systeme, tableau) -> Donnees:
    """Les colonnes du fichier dans les types de stockage d'OpenFisca (une Enum : l'indice du membre). Hors mesure."""
    from openfisca_caqes.population.schema import MOTIF_ANNUEL

    types, defauts, colonnes = {}, {}, {}
    for nom, variable in systeme.variables.items():
        types[nom] = _dtype(variable)
        valeur = variable.default_value
        defauts[nom] = valeur.index if isinstance(valeur, Enum) else valeur
    for colonne in tableau.columns:
        motif = MOTIF_ANNUEL.match(str(colonne))
        variable = colonne if colonne in systeme.variables else (motif["variable"] if motif else None)
        if variable not in systeme.variables:
            continue
        definition = systeme.variables[variable]
        valeurs = tableau[colonne]
        if definition.value_type is Enum:
            codes = valeurs.astype(str).str.strip().to_numpy(dtype=str)
            colonnes[colonne] = np.asarray(definition.possible_values.encode(codes)).astype(np.int16)
        else:
            colonnes[colonne] = valeurs.to_numpy().astype(types[variable])
    return Donnees(colonnes, types, defauts, len(tableau))


def preparer(systeme, tableau, annee: int = ANNEE) -> tuple[Donnees, Regles]:
    """Convertit les colonnes (comme le chargeur : types OpenFisca) et lit les paramètres. Hors mesure."""
    donnees = donnees_du_tableau(systeme, tableau)

    region_enum = systeme.variables["code_region"].possible_values
    codes = tableau["region"].astype(str).str.strip().to_numpy(dtype=str)
    code_region = region_enum.encode(codes)
    indices = np.asarray(code_region)
    presentes = np.unique(indices)
    # L'entité Region d'OpenFisca : ses membres sont les codes distincts triés (np.unique des textes).
    noms_regions, premiere, entite_region = np.unique(codes, return_index=True, return_inverse=True)
    enveloppe = donnees("enveloppe_regionale", annee)[premiere].astype(np.int64)

    # Un établissement par région présente suffit à lire chaque table comme le fait `par_region`.
    echantillon = region_enum.encode(np.array([region_enum._member_names_[i] for i in presentes]))
    regionaux: dict = {}
    annees: dict = {}

    def table(noeud_chemin: str, instant: int, cle: str | None, defaut=0):
        cle_table = (noeud_chemin, instant, cle, defaut)
        if cle_table not in regionaux:
            noeud = functools.reduce(lambda n_, c: n_[c], noeud_chemin.split("."), systeme.parameters(f"{instant}-01-01"))
            regionaux[cle_table] = par_region(noeud, echantillon, cle, defaut)
        return regionaux[cle_table]

    def chemin(indicateur: str) -> str:
        return f"caqes.{INDICATEURS_REGIONAUX[indicateur]}.regionaux.{indicateur}"

    # Toutes les tables que lisent les formules du régime (instant : l'année de la variable calculée).
    lectures = {
        ("caqes.produits_sante.regionaux.perimetre", annee): ("annee_reference_ciblage", "seuil_depense_liste_en_sus", "applicable"),
        (chemin("conciliation"), annee): (
            "applicable", "seuil_sejours_medecine_chirurgie", "seuil_sejours_medecine", "annee_reference_sejours",
            "taux_cible_chu", "taux_cible_hors_chu", "annee_plancher_realise", "poids_repartition",
        ),
        (chemin("analyse_pharmaceutique"), annee): ("applicable", "taux_cible", "poids_repartition"),
        (chemin("entretiens_pharmaceutiques"), annee): (
            "applicable", "seuil_sejours_medecine", "annee_cible_prorogee", "annee_plancher_realise_chimio_orale", "poids_repartition",
        ),
        (chemin("aapp_mpi"), annee): ("applicable", "inclut_chirurgie", "seuil_sejours", "poids_repartition"),
        (chemin("suivi_liste_en_sus"), annee): ("applicable", "seuil_depense_molecules_onereuses", "poids_repartition"),
        (chemin("aapp_perfadom"), annee): ("applicable", "seuil_patients", "poids_repartition"),
        (chemin("aapp_pansements"), annee): ("applicable", "seuil_patients", "seuil_depense", "poids_repartition"),
        (chemin("had"), annee): ("applicable", "progression_patients", "nouveaux_protocoles_minimum", "poids_repartition"),
        (chemin("parcours_avc"), annee): (
            "applicable", "seuil_sejours_avc", "seuil_taux_inclusion", "progression_patients_inclus", "taux_bonus_convention",
            "poids_repartition",
        ),
        (chemin("parcours_ic"), annee): (
            "applicable", "annee_reference_ciblage", "progression_generaliste", "progression_cardiologue", "poids_repartition",
        ),
        (chemin("parcours_bpco"), annee): (
            "applicable", "annee_reference_ciblage", "seuil_sejours", "progression_generaliste", "progression_pneumologue",
            "exige_baisse_rehospitalisation", "poids_repartition",
        ),
        (chemin("transport_vehicule_personnel"), annee): (
            "applicable", "annee_reference_ciblage", "seuil_depense_transports", "progression_par_defaut", "poids_repartition",
        ),
        (chemin("transport_composite"), annee): (
            "applicable", "annee_reference_ciblage", "seuil_taux_vsl_partages", "seuil_depense_bas", "seuil_depense_haut",
            *(f"{b}.{c}" for b in ("progression_moyens_personnels", "progression_vsl_partages")
              for c in ("seuil_haut", "seuil_bas", "progression_haut", "progression_milieu", "progression_bas")),
            "points_moyens_personnels", "points_vsl_partages", "points_plan_actions", "points_total", "seuil_points",
            "poids_repartition", "bornes_incluses_tranche_intermediaire", "conditions_necessaires",
            *(f"categories.{nom}" for nom in systeme.variables["categorie_etablissement"].possible_values._member_names_),
        ),
        (chemin("chirurgie_ambulatoire"), annee): (
            "applicable", "reconduction.annee_ciblage", "reconduction.premiere_annee_evaluee",
            "reconduction.seconde_annee_evaluee", "reconduction.en_vigueur", "progression_sur_reference", "poids_repartition",
        ),
    }
    for (noeud_chemin, instant), cles in lectures.items():
        for cle in cles:
            table(noeud_chemin, instant, cle)
    for indicateur in ("conciliation", "analyse_pharmaceutique", "entretiens_pharmaceutiques"):
        table(chemin(indicateur), annee, "seuil_paiement_proportionnel", 1)
    # chirurgie ambulatoire : objectif et cible lus aux années de la reconduction (2022, 2023) et de l'année.
    instants_chirurgie = {annee}
    for cle in ("reconduction.premiere_annee_evaluee", "reconduction.seconde_annee_evaluee", "reconduction.annee_ciblage"):
        instants_chirurgie |= {int(a) for a in table(chemin("chirurgie_ambulatoire"), annee, cle) if a > 0}
    for instant in sorted(instants_chirurgie):
        for cle in (
            "applicable", "annee_cible_plancher", "annee_reference", "progression_ensemble", "progression_specialite",
            "seuil_sejours_evolution", "progression_sur_reference",
        ):
            table(chemin("chirurgie_ambulatoire"), instant, cle)
    for cle_table, valeurs in regionaux.items():
        if cle_table[2] and (cle_table[2].startswith("annee") or cle_table[2].endswith(("annee_evaluee", "annee_ciblage"))):
            annees[cle_table] = np.unique(np.asarray(valeurs).astype(np.int64)[np.asarray(valeurs) > 0])
    # Exclusion des privés du ciblage national transport (un nœud par région, sans clé).
    table("caqes.organisation_soins.nationaux.transport_ambulance.exclusion_etablissements_prives", annee, None)

    p = systeme.parameters(f"{annee}-01-01")
    nat = p.caqes
    nationaux = {
        "ipp.annee": int(nat.produits_sante.nationaux.ipp.annee_reference_ciblage),
        "ipp.minimum": nat.produits_sante.nationaux.ipp.nombre_boites_minimum,
        "ipp.part": nat.produits_sante.nationaux.ipp.part_interessement,
        "perfadom.annee": int(nat.produits_sante.nationaux.perfadom.annee_reference_ciblage),
        "perfadom.taux": nat.produits_sante.nationaux.perfadom.taux_systemes_actifs_diffuseurs_minimum,
        "perfadom.depense": nat.produits_sante.nationaux.perfadom.depense_systemes_actifs_diffuseurs_minimum,
        "perfadom.gravite": nat.produits_sante.nationaux.perfadom.economie_inclut_gravite,
        "perfadom.part": nat.produits_sante.nationaux.perfadom.part_interessement,
        "pansements.annee": int(nat.produits_sante.nationaux.pansements.annee_reference_ciblage),
        "pansements.surcout": nat.produits_sante.nationaux.pansements.surcout_moyen_categorie_seuil,
        "pansements.patients": nat.produits_sante.nationaux.pansements.nombre_patients_seuil,
        "pansements.part": nat.produits_sante.nationaux.pansements.part_interessement,
        "ic.annee": int(nat.pertinence.nationaux.insuffisance_cardiaque.annee_reference_ciblage),
        "ic.rehospitalisations": nat.pertinence.nationaux.insuffisance_cardiaque.nombre_rehospitalisations_seuil,
        "ic.part": nat.pertinence.nationaux.insuffisance_cardiaque.part_interessement,
        "ic.exige_baisse": nat.pertinence.nationaux.insuffisance_cardiaque.exige_baisse_patients_rehospitalises,
        "ambulance.annee": int(nat.organisation_soins.nationaux.transport_ambulance.annee_reference_ciblage),
        "ambulance.part_minimum": nat.organisation_soins.nationaux.transport_ambulance.part_ambulance_minimum,
        "ambulance.depense_minimum": nat.organisation_soins.nationaux.transport_ambulance.depense_ambulance_minimum,
        "ambulance.cout": nat.organisation_soins.nationaux.transport_ambulance.cout_moyen_trajet_ambulance,
        "ambulance.cout_assis": nat.organisation_soins.nationaux.transport_ambulance.cout_moyen_trajet_assis,
        "ambulance.part": nat.organisation_soins.nationaux.transport_ambulance.part_interessement,
        "refus.taux": nat.refus_signature.taux,
        "enveloppe.plafond": nat.enveloppe_regionale.plafond_part_enveloppe,
        "enveloppe.integrale": bool(nat.enveloppe_regionale.repartition_integrale),
        "enveloppe.nationaux_dedans": int(nat.enveloppe_regionale.interessement_national_dans_enveloppe),
    }
    if annee < 2025:  # ézétimibe et EPA : supprimés à la prorogation (formules nulles à partir de 2025)
        eze, epa = nat.produits_sante.nationaux.ezetimibe, nat.pertinence.nationaux.epa
        nationaux.update({
            "ezetimibe.annee": int(eze.annee_reference_ciblage), "ezetimibe.taux": eze.taux_ezetimibe_minimum,
            "ezetimibe.depense": eze.depense_minimum, "ezetimibe.part": eze.part_interessement,
            "epa.annee": int(epa.annee_reference_ciblage), "epa.nombre": epa.nombre_epa_seuil,
            "epa.part_inutiles": epa.part_sejours_inutiles_seuil, "epa.part": epa.part_interessement,
        })
        for cle in ("somme_evitable_minimum", "somme_evitable_seuil", "part_actes_evitables_minimum"):
            table(f"caqes.pertinence.nationaux.epa.ciblage_regional.{cle}", annee, None)
    if annee < 2023:  # IEC / ARA II : pré-ciblage de la campagne de lancement seulement
        iec = nat.produits_sante.nationaux.iec_ara2
        nationaux.update({
            "iec.annee": int(iec.annee_reference_ciblage), "iec.taux": iec.taux_ara2_minimum, "iec.depense": iec.depense_ara2_minimum,
        })
    categories = systeme.variables["categorie_etablissement"].possible_values
    statuts = systeme.variables["statut_juridique"].possible_values
    options = systeme.variables["chirurgie_ambulatoire_option"].possible_values
    regles = Regles(
        nationaux=nationaux,
        regionaux=regionaux,
        annees=annees,
        presentes=presentes,
        rang_region=np.searchsorted(presentes, indices),
        entite_region=entite_region,
        nombre_regions=len(noms_regions),
        enveloppe=enveloppe,
        categories={nom: categories[nom].index for nom in categories._member_names_},
        prive_lucratif=statuts.prive_lucratif.index,
        options={nom: options[nom].index for nom in options._member_names_},
        annee=annee,
    )
    return donnees, regles


# --- le calcul (mesuré) ----------------------------------------------------------------------------

def calculer(d: Donnees, r: Regles) -> dict[str, np.ndarray]:
    """Les résultats du régime 2025 pour chaque établissement (numpy seul)."""
    A = r.annee
    n = d.n
    rang = r.rang_region
    membres = r.entite_region
    N = r.nombre_regions

    def regle(indicateur, cle, instant=A, defaut=0):
        noeud = f"caqes.{INDICATEURS_REGIONAUX[indicateur]}.regionaux.{indicateur}" if indicateur in INDICATEURS_REGIONAUX else indicateur
        return r.regionaux[(noeud, instant, cle, defaut)][rang]

    def annees_de(indicateur, cle, instant=A):
        noeud = f"caqes.{INDICATEURS_REGIONAUX[indicateur]}.regionaux.{indicateur}" if indicateur in INDICATEURS_REGIONAUX else indicateur
        return r.annees[(noeud, instant, cle, 0)]

    def a_annees(valeur_de, annees_etab, distinctes):
        """valeur_a_annees : `valeur_de(annee)` pour chaque établissement à son année (0 si l'année vaut 0)."""
        annees_etab = np.asarray(annees_etab).astype(np.int64)
        valeurs = np.zeros(n)
        for annee in distinctes:  # années distinctes de la région (quelques-unes), pas les établissements
            valeurs = np.where(annees_etab == annee, valeur_de(int(annee)), valeurs)
        return valeurs

    def somme_region(valeurs):
        return np.bincount(membres, weights=valeurs, minlength=N)

    nat = r.nationaux
    est_public = d("statut_juridique") != r.prive_lucratif
    region_exclusion = r.regionaux[("caqes.organisation_soins.nationaux.transport_ambulance.exclusion_etablissements_prives", A, None, 0)][rang]

    sous_contrat = ~d("refus_signature", A)  # sans contrat signé, pas d'intéressement

    def part_des_economies(ciblage, economie, part):
        return i64(arrondi_euro(ciblage * sous_contrat * part * np.maximum(economie, 0)))

    # ---- indicateurs nationaux --------------------------------------------------------------------
    ciblage_ipp = d("nombre_boites_ipp", nat["ipp.annee"]) >= nat["ipp.minimum"]
    economie_ipp = f64(d("depense_phev_ipp", A - 1) - d("depense_phev_ipp", A))
    interessement_ipp = part_des_economies(ciblage_ipp, economie_ipp, nat["ipp.part"])

    def sad(annee):
        return f64(d("depense_perfadom_systemes_actifs", annee) + d("depense_perfadom_diffuseurs", annee))

    ref = nat["perfadom.annee"]
    sad_ref = sad(ref)
    total_ref = f64(d("depense_perfadom_gravite", ref) + sad_ref)
    taux_ref = f64(quotient(sad_ref, total_ref))
    ciblage_perfadom = (taux_ref >= nat["perfadom.taux"]) * (sad_ref >= nat["perfadom.depense"])
    economie_perfadom = f64(
        f64(sad(A - 1) - sad(A))
        + nat["perfadom.gravite"] * f64(d("depense_perfadom_gravite", A - 1) - d("depense_perfadom_gravite", A))
    )
    interessement_perfadom = part_des_economies(ciblage_perfadom, economie_perfadom, nat["perfadom.part"])

    def moyenne_pansements(annee):
        depense = d("depense_phev_pansements", annee)
        patients = d("nombre_patients_pansements", annee)
        return f64(quotient(depense, patients))

    ref = nat["pansements.annee"]
    surcout = moyenne_pansements(ref) > (1 + nat["pansements.surcout"]) * d("montant_moyen_pansements_categorie", ref)
    ciblage_pansements = (d("nombre_patients_pansements", ref) > nat["pansements.patients"]) * surcout
    baisse = moyenne_pansements(A - 1) - moyenne_pansements(A)
    economie_pansements = f64(baisse * d("nombre_patients_pansements", A))
    interessement_pansements = part_des_economies(ciblage_pansements, economie_pansements, nat["pansements.part"])

    def taux_rehospitalisation_ic(annee):
        return f64(quotient(d("nombre_rehospitalisations_ic", annee), d("nombre_sejours_ic", annee)))

    ref = nat["ic.annee"]
    sejours = d("nombre_sejours_ic", ref)
    taux = taux_rehospitalisation_ic(ref)
    petite = (sejours > d("sejours_ic_premier_quartile_national", ref)) * (taux > d("taux_rehospitalisation_ic_troisieme_quartile_national", ref))
    norme = (sejours > d("sejours_ic_mediane_nationale", ref)) * (taux > d("taux_rehospitalisation_ic_mediane_nationale", ref))
    ciblage_ic = (d("nombre_rehospitalisations_ic", ref) > nat["ic.rehospitalisations"]) * (petite + norme)
    economie_ic = f64(d("depense_rehospitalisations_ic", A - 1) - d("depense_rehospitalisations_ic", A))
    baisse_patients = ((d("nombre_rehospitalisations_ic", A - 1) - d("nombre_rehospitalisations_ic", A)) > 0) | (nat["ic.exige_baisse"] == 0)
    interessement_ic = i64(baisse_patients * part_des_economies(ciblage_ic, economie_ic, nat["ic.part"]))

    ambulance_assis: dict[int, np.ndarray] = {}

    def depense_ambulance_assis(annee):
        if annee not in ambulance_assis:
            ambulance_assis[annee] = f64(d("depense_transport_ambulance", annee) + d("depense_transport_assis", annee))
        return ambulance_assis[annee]

    def part_ambulance(annee):
        return f64(quotient(d("depense_transport_ambulance", annee), depense_ambulance_assis(annee)))

    ref = nat["ambulance.annee"]
    national = (part_ambulance(ref) >= nat["ambulance.part_minimum"]) * (d("depense_transport_ambulance", ref) >= nat["ambulance.depense_minimum"])
    exclu = (region_exclusion > 0) * np.logical_not(est_public)
    ciblage_ambulance = national * np.logical_not(exclu)
    ecart_relatif = (nat["ambulance.cout"] - nat["ambulance.cout_assis"]) / nat["ambulance.cout_assis"]
    economie_ambulance = f64((part_ambulance(A - 1) - part_ambulance(A)) * depense_ambulance_assis(A) * ecart_relatif)
    interessement_ambulance = part_des_economies(ciblage_ambulance, economie_ambulance, nat["ambulance.part"])

    zeros_i64 = np.zeros(n, dtype=np.int64)
    faux = np.zeros(n, dtype=bool)
    # IEC/ARA II : pré-ciblage 2022 seulement, sans intéressement (formula_2023 nulle).
    ciblage_iec = faux
    if A < 2023:
        ref = nat["iec.annee"]
        ciblage_iec = (d("taux_ara2_ucd", ref) >= nat["iec.taux"]) * (d("depense_phev_ara2", ref) >= nat["iec.depense"])
    # Ézétimibe et EPA : supprimés à la prorogation (formula_2025 nulles).
    ciblage_ezetimibe, interessement_ezetimibe, ciblage_epa, interessement_epa = faux, zeros_i64, faux, zeros_i64
    if A < 2025:
        ref = nat["ezetimibe.annee"]
        ciblage_ezetimibe = (d("taux_ezetimibe_ucd", ref) >= nat["ezetimibe.taux"]) * (d("depense_phev_ezetimibe", ref) >= nat["ezetimibe.depense"])
        economie_eze = f64(d("depense_phev_ezetimibe", A - 1) - d("depense_phev_ezetimibe", A))
        interessement_ezetimibe = part_des_economies(ciblage_ezetimibe, economie_eze, nat["ezetimibe.part"])

        def evitable(annee):
            return f64(sum(d(f"depense_evitable_epa_{v}", annee) for v in ("hemostase_enfant", "hemostase_adulte", "groupe_sanguin", "ionogramme")))

        ref = nat["epa.annee"]
        national = (d("nombre_epa", ref) > nat["epa.nombre"]) * (d("part_sejours_epa_inutiles", ref) > nat["epa.part_inutiles"])

        def epa_regional(cle):
            return r.regionaux[(f"caqes.pertinence.nationaux.epa.ciblage_regional.{cle}", A, None, 0)][rang]

        somme = evitable(ref)
        somme_elevee = somme >= epa_regional("somme_evitable_minimum")
        somme_et_part = (somme > epa_regional("somme_evitable_seuil")) * (d("part_actes_epa_evitables", ref) >= epa_regional("part_actes_evitables_minimum"))
        ciblage_epa = national * (somme_elevee + somme_et_part)
        interessement_epa = part_des_economies(ciblage_epa, f64(evitable(A - 1) - evitable(A)), nat["epa.part"])
    ciblages_nationaux = (
        ciblage_iec, ciblage_ezetimibe, ciblage_ipp, ciblage_perfadom, ciblage_pansements, ciblage_epa, ciblage_ic, ciblage_ambulance,
    )
    nombre_nationaux = i64(sum(c.astype(int) for c in ciblages_nationaux))
    avant_revision = i64(
        zeros_i64 + interessement_ezetimibe + interessement_ipp + interessement_perfadom + interessement_pansements + interessement_epa
        + interessement_ic + interessement_ambulance
    )
    coefficient = np.clip(d("coefficient_revision_interessement_national", A), 0, 1)
    interessement_national = i64(arrondi_euro(coefficient * avant_revision))

    # ---- indicateurs régionaux ---------------------------------------------------------------------
    ciblages: dict[str, np.ndarray] = {}
    parts: dict[str, np.ndarray] = {}

    perimetre = "caqes.produits_sante.regionaux.perimetre"
    annee_perimetre = regle(perimetre, "annee_reference_ciblage")
    annees_perimetre = annees_de(perimetre, "annee_reference_ciblage")

    def donnee_ciblage(variable):
        return a_annees(lambda annee: d(variable, annee), annee_perimetre, annees_perimetre)

    depense_lse = donnee_ciblage("depense_liste_en_sus")
    volet_ps = (regle(perimetre, "applicable") > 0) & plus_que(depense_lse, regle(perimetre, "seuil_depense_liste_en_sus"))
    medecine = donnee_ciblage("sejours_medecine_domaines_cibles")
    chirurgie = donnee_ciblage("sejours_chirurgie_domaines_cibles")

    # conciliation
    seuils = au_moins(medecine + chirurgie, regle("conciliation", "seuil_sejours_medecine_chirurgie")) | au_moins(
        medecine, regle("conciliation", "seuil_sejours_medecine")
    )
    ciblages["conciliation"] = volet_ps & (regle("conciliation", "applicable") > 0) & seuils
    annee_sejours = regle("conciliation", "annee_reference_sejours")
    distinctes = annees_de("conciliation", "annee_reference_sejours")
    sejours_conciliables = f64(sum(
        a_annees(lambda annee, v=variable: d(v, annee), annee_sejours, distinctes)
        for variable in ("sejours_medecine_domaines_cibles", "sejours_chirurgie_domaines_cibles", "sejours_ssr", "sejours_psy")
    ))
    taux_cible = np.where(d("est_chu"), regle("conciliation", "taux_cible_chu"), regle("conciliation", "taux_cible_hors_chu"))
    plancher = a_annees(
        lambda annee: d("conciliations_realisees", annee), regle("conciliation", "annee_plancher_realise"),
        annees_de("conciliation", "annee_plancher_realise"),
    )
    conciliation_cible = f64(np.maximum(taux_cible * sejours_conciliables, plancher))
    parts["conciliation"] = f64(part_atteinte(
        d("conciliations_realisees", A), conciliation_cible, regle("conciliation", "seuil_paiement_proportionnel", defaut=1)
    ))

    # analyse pharmaceutique
    ciblages["analyse_pharmaceutique"] = volet_ps & (regle("analyse_pharmaceutique", "applicable") > 0)
    cible_analyse = f64(regle("analyse_pharmaceutique", "taux_cible"))
    parts["analyse_pharmaceutique"] = f64(part_atteinte(
        d("taux_lits_analyse_pharmaceutique", A), cible_analyse,
        regle("analyse_pharmaceutique", "seuil_paiement_proportionnel", defaut=1),
    ))

    # entretiens pharmaceutiques
    applicable = regle("entretiens_pharmaceutiques", "applicable") > 0
    ciblage_chimio = volet_ps & applicable & d("autorisation_traitement_cancer")
    ciblage_autres = volet_ps & applicable & au_moins(medecine, regle("entretiens_pharmaceutiques", "seuil_sejours_medecine"))
    ciblages["entretiens_pharmaceutiques"] = ciblage_chimio | ciblage_autres
    annee_prorogee = regle("entretiens_pharmaceutiques", "annee_cible_prorogee")
    distinctes = annees_de("entretiens_pharmaceutiques", "annee_cible_prorogee")

    def cible_avenant(variable):
        return np.where(annee_prorogee > 0, a_annees(lambda annee: d(variable, annee), annee_prorogee, distinctes), d(variable, A))

    plancher = a_annees(
        lambda annee: d("entretiens_chimio_orale_realises", annee),
        regle("entretiens_pharmaceutiques", "annee_plancher_realise_chimio_orale"),
        annees_de("entretiens_pharmaceutiques", "annee_plancher_realise_chimio_orale"),
    )
    cible_chimio = f64(np.maximum(cible_avenant("entretiens_chimio_orale_cible_avenant"), plancher))
    cible_autres = f64(cible_avenant("entretiens_autres_domaines_cible_avenant"))
    seuil = regle("entretiens_pharmaceutiques", "seuil_paiement_proportionnel", defaut=1)

    def objectif(ciblage, cible, realises):
        actif = ciblage & (cible > 0)
        return actif, actif * part_atteinte(realises, cible, seuil)

    chimio_actif, chimio = objectif(ciblage_chimio, cible_chimio, d("entretiens_chimio_orale_realises", A))
    autres_actif, autres = objectif(ciblage_autres, cible_autres, d("entretiens_autres_domaines_realises", A))
    parts["entretiens_pharmaceutiques"] = f64(rapport(chimio + autres, chimio_actif * 1 + autres_actif * 1))
    if A < 2023:  # première année : état des lieux remis (tout ou rien)
        parts["entretiens_pharmaceutiques"] = f64(d("entretiens_etat_des_lieux_realise", A) * 1)

    # AAPP MPI, suivi liste en sus, AAPP Perfadom, AAPP pansements
    sejours_mpi = medecine + regle("aapp_mpi", "inclut_chirurgie") * chirurgie
    ciblages["aapp_mpi"] = volet_ps & (regle("aapp_mpi", "applicable") > 0) & au_moins(sejours_mpi, regle("aapp_mpi", "seuil_sejours"))
    parts["aapp_mpi"] = f64(d("aapp_mpi_realisee", A) * 1)
    molecules = donnee_ciblage("depense_molecules_onereuses")
    ciblages["suivi_liste_en_sus"] = volet_ps & (regle("suivi_liste_en_sus", "applicable") > 0) & plus_que(
        molecules, regle("suivi_liste_en_sus", "seuil_depense_molecules_onereuses")
    )
    parts["suivi_liste_en_sus"] = f64(d("fichier_liste_en_sus_transmis", A) * 1)
    patients_perfadom = donnee_ciblage("nombre_patients_perfadom")
    ciblages["aapp_perfadom"] = volet_ps & (regle("aapp_perfadom", "applicable") > 0) & au_moins(
        patients_perfadom, regle("aapp_perfadom", "seuil_patients")
    )
    parts["aapp_perfadom"] = f64(d("aapp_perfadom_realisee", A) * 1)
    patients = donnee_ciblage("nombre_patients_pansements_categories_ciblees")
    depense = donnee_ciblage("depense_phev_pansements_categories_ciblees")
    seuils = au_moins(patients, regle("aapp_pansements", "seuil_patients")) | au_moins(depense, regle("aapp_pansements", "seuil_depense"))
    ciblages["aapp_pansements"] = volet_ps & (regle("aapp_pansements", "applicable") > 0) & seuils
    parts["aapp_pansements"] = f64(d("aapp_pansements_realisee", A) * 1)

    # HAD
    categorie = d("categorie_etablissement")
    est_had = (categorie == r.categories["had"]) | (categorie == r.categories["had_sans_pui"])
    ciblages["had"] = (regle("had", "applicable") > 0) & est_had & (d("journees_had", A) > 0)
    patients = d("nombre_patients_had_anticancereux", A)
    patients_avant = d("nombre_patients_had_anticancereux", A - 1)
    hausse = au_moins(patients, (1 + regle("had", "progression_patients")) * patients_avant)
    protocoles = au_moins(d("nombre_nouveaux_protocoles_had", A), regle("had", "nouveaux_protocoles_minimum"))
    objectif_had = np.where(patients_avant > 0, hausse & protocoles, patients > 0)
    if A < 2023:  # première année : évaluation des refus ; 2023 : documents transmis ; ensuite documents et activité
        parts["had"] = f64(d("had_evaluation_refus_realisee", A) * 1)
    elif A < 2024:
        parts["had"] = f64(d("had_documents_transmis", A) * 1)
    else:
        parts["had"] = f64((d("had_documents_transmis", A) & objectif_had) * 1)

    # parcours post-AVC
    sans_unv = ~d("unite_neurovasculaire", A) & au_moins(d("nombre_sejours_avc", A - 1), regle("parcours_avc", "seuil_sejours_avc"))
    ciblages["parcours_avc"] = (regle("parcours_avc", "applicable") > 0) & (sans_unv | d("etablissement_reference_avc", A))

    def taux_inclusion(annee):
        return f64(rapport(d("nombre_patients_inclus_prado_avc", annee), d("nombre_patients_eligibles_prado_avc", annee)))

    seuil = regle("parcours_avc", "seuil_taux_inclusion")
    deja = au_moins(taux_inclusion(A - 1), seuil)
    inclus = d("nombre_patients_inclus_prado_avc", A)
    inclus_avant = d("nombre_patients_inclus_prado_avc", A - 1)
    croissance = au_moins(inclus, (1 + regle("parcours_avc", "progression_patients_inclus")) * inclus_avant) & (inclus > 0)
    objectif_avc = np.where(deja, croissance, au_moins(taux_inclusion(A), seuil))
    taux_atteinte_avc = f64((d("convention_prado_signee", A) & objectif_avc) * 1)
    bonus = d("annee_convention_cpts_msp") == A
    parts["parcours_avc"] = taux_atteinte_avc + regle("parcours_avc", "taux_bonus_convention") * bonus

    # parcours insuffisance cardiaque
    def taux_ic(variable, annee):
        return f64(rapport(d(variable, annee), d("nombre_sejours_ic", annee)))

    def taux_ic_regional(variable, annee):
        return f64(rapport(somme_region(d(variable, annee)), somme_region(d("nombre_sejours_ic", annee))))

    def profil_ic(annee):
        def ecart(individuel, regional):
            return individuel - regional[membres]

        rehospitalisation = plus_que(ecart(taux_rehospitalisation_ic(annee), taux_ic_regional("nombre_rehospitalisations_ic", annee)), 0)
        generaliste = plus_que(-ecart(taux_ic("nombre_patients_ic_generaliste", annee), taux_ic_regional("nombre_patients_ic_generaliste", annee)), 0)
        cardiologue = plus_que(-ecart(taux_ic("nombre_patients_ic_cardiologue", annee), taux_ic_regional("nombre_patients_ic_cardiologue", annee)), 0)
        return rehospitalisation & generaliste & cardiologue

    profil = a_annees(profil_ic, regle("parcours_ic", "annee_reference_ciblage"), annees_de("parcours_ic", "annee_reference_ciblage")) > 0
    ciblages["parcours_ic"] = (regle("parcours_ic", "applicable") > 0) & ciblage_ic & profil

    def hausse_ic(variable, progression):
        return au_moins(taux_ic(variable, A) - taux_ic(variable, A - 1), regle("parcours_ic", progression))

    suivi = hausse_ic("nombre_patients_ic_generaliste", "progression_generaliste") | hausse_ic(
        "nombre_patients_ic_cardiologue", "progression_cardiologue"
    )
    parts["parcours_ic"] = f64((d("plan_actions_parcours_ic", A) & suivi) * 1)

    # parcours BPCO
    def taux_bpco(variable, annee):
        return f64(rapport(d(variable, annee), d("nombre_patients_bpco", annee)))

    def taux_bpco_regional(variable, annee):
        return f64(rapport(somme_region(d(variable, annee)), somme_region(d("nombre_patients_bpco", annee))))

    def profil_bpco(annee):
        rehospitalisation = taux_bpco("nombre_patients_bpco_rehospitalises", annee) - taux_bpco_regional("nombre_patients_bpco_rehospitalises", annee)[membres]
        generaliste = taux_bpco("nombre_patients_bpco_generaliste", annee) - taux_bpco_regional("nombre_patients_bpco_generaliste", annee)[membres]
        return plus_que(rehospitalisation, 0) & plus_que(-generaliste, 0)

    annee_bpco = regle("parcours_bpco", "annee_reference_ciblage")
    distinctes = annees_de("parcours_bpco", "annee_reference_ciblage")
    profil = a_annees(profil_bpco, annee_bpco, distinctes) > 0
    sejours = a_annees(lambda annee: d("nombre_sejours_bpco_trois_trimestres", annee), annee_bpco, distinctes)
    ciblages["parcours_bpco"] = (regle("parcours_bpco", "applicable") > 0) & profil & plus_que(sejours, regle("parcours_bpco", "seuil_sejours"))

    def evolution_bpco(variable):
        return taux_bpco(variable, A) - taux_bpco(variable, A - 1)

    suivi = au_moins(evolution_bpco("nombre_patients_bpco_generaliste"), regle("parcours_bpco", "progression_generaliste")) | au_moins(
        evolution_bpco("nombre_patients_bpco_pneumologue"), regle("parcours_bpco", "progression_pneumologue")
    )
    baisse = plus_que(-evolution_bpco("nombre_patients_bpco_rehospitalises"), 0) | (regle("parcours_bpco", "exige_baisse_rehospitalisation") == 0)
    parts["parcours_bpco"] = f64((d("plan_actions_parcours_bpco", A) & suivi & baisse) * 1)

    # transports en véhicule personnel
    depense = a_annees(
        depense_ambulance_assis, regle("transport_vehicule_personnel", "annee_reference_ciblage"),
        annees_de("transport_vehicule_personnel", "annee_reference_ciblage"),
    )
    ciblages["transport_vehicule_personnel"] = (regle("transport_vehicule_personnel", "applicable") > 0) & plus_que(
        depense, regle("transport_vehicule_personnel", "seuil_depense_transports")
    )

    def taux_vp(annee):
        return f64(rapport(d("nombre_transports_vehicule_personnel", annee), d("nombre_transports_prescrits", annee)))

    contrat = d("taux_vehicule_personnel_cible", A)
    cible_vp = f64(np.where(contrat > 0, contrat, taux_vp(A - 1) + regle("transport_vehicule_personnel", "progression_par_defaut")))
    parts["transport_vehicule_personnel"] = f64(au_moins(taux_vp(A), cible_vp) * 1)

    # transport composite
    def taux_vsl(annee):
        return f64(rapport(d("nombre_trajets_vsl_partages", annee), d("nombre_trajets_vsl", annee)))

    t = "transport_composite"
    annee_composite = regle(t, "annee_reference_ciblage")
    distinctes = annees_de(t, "annee_reference_ciblage")
    depense = a_annees(depense_ambulance_assis, annee_composite, distinctes)
    vsl_peu_partages = plus_que(regle(t, "seuil_taux_vsl_partages") - a_annees(taux_vsl, annee_composite, distinctes), 0)
    tranche_basse = au_moins(depense, regle(t, "seuil_depense_bas")) & ~plus_que(depense, regle(t, "seuil_depense_haut")) & vsl_peu_partages
    categorie = d("categorie_etablissement")
    concernee = np.zeros(n, dtype=bool)
    for nom, indice in r.categories.items():  # neuf catégories, pas les établissements
        concernee |= (categorie == indice) & (regle(t, f"categories.{nom}") > 0)
    ciblages[t] = (regle(t, "applicable") > 0) & concernee & (plus_que(depense, regle(t, "seuil_depense_haut")) | tranche_basse)

    def cible_composite(reference, bareme):
        valeur = d(reference)
        seuil_haut = regle(t, f"{bareme}.seuil_haut")
        haut = np.where(regle(t, "bornes_incluses_tranche_intermediaire") > 0, plus_que(valeur, seuil_haut), au_moins(valeur, seuil_haut))
        progression = np.select(
            [haut, au_moins(valeur, regle(t, f"{bareme}.seuil_bas"))],
            [regle(t, f"{bareme}.progression_haut"), regle(t, f"{bareme}.progression_milieu")],
            regle(t, f"{bareme}.progression_bas"),
        )
        return f64(valeur + progression)

    cible_mp = cible_composite("transport_reference_taux_moyens_personnels", "progression_moyens_personnels")
    cible_vsl = cible_composite("transport_reference_taux_vsl_partages", "progression_vsl_partages")
    personnels = d("nombre_transports_vehicule_personnel", A) + d("nombre_transports_en_commun", A)
    taux_mp = f64(rapport(personnels, d("nombre_transports_prescrits", A)))
    atteint_mp, atteint_vsl = au_moins(taux_mp, cible_mp), au_moins(taux_vsl(A), cible_vsl)
    plan = d("transport_plan_actions", A)
    points = f64(
        regle(t, "points_moyens_personnels") * atteint_mp
        + regle(t, "points_vsl_partages") * atteint_vsl
        + regle(t, "points_plan_actions") * plan
    )
    part = np.minimum(rapport(points, regle(t, "points_total")), 1)
    conditions = (plan & (atteint_mp | atteint_vsl)) | ~(regle(t, "conditions_necessaires") > 0)
    parts[t] = f64(f64(np.where(au_moins(points, regle(t, "seuil_points")) & conditions, part, 0)))

    # chirurgie ambulatoire
    c = "chirurgie_ambulatoire"
    option = d("chirurgie_ambulatoire_option")

    def cible_chirurgie(annee):
        plancher = regle(c, "annee_cible_plancher", annee)
        return f64(np.maximum(
            d("chirurgie_ambulatoire_taux_cible_contrat", annee),
            a_annees(lambda a: d("chirurgie_ambulatoire_taux_cible_contrat", a), plancher, annees_de(c, "annee_cible_plancher", annee)),
        ))

    def cible_au_contrat(annee):
        return (regle(c, "applicable", annee) > 0) & (d("chirurgie_ambulatoire_taux_cible_contrat", annee) > 0)

    def objectif_chirurgie(annee):
        cible = cible_chirurgie(annee)
        cible_individuelle = (cible > 0) & au_moins(d("taux_chirurgie_ambulatoire", annee), cible)

        def progression(suffixe, exigee):
            reference = a_annees(
                lambda a: d(f"taux_chirurgie_ambulatoire{suffixe}", a), regle(c, "annee_reference", annee),
                annees_de(c, "annee_reference", annee),
            )
            hausse = difference(d(f"taux_chirurgie_ambulatoire{suffixe}", annee), reference)
            sejours = hausse * d(f"nombre_sejours_chirurgie{suffixe}", annee)
            return au_moins(hausse, regle(c, exigee, annee)) & plus_que(sejours, regle(c, "seuil_sejours_evolution", annee))

        sur_reference = np.select(
            [option == r.options["ensemble_disciplines"], option == r.options["specialite"]],
            [progression("", "progression_ensemble"), progression("_specialite", "progression_specialite")],
            False,
        )
        return np.where(regle(c, "progression_sur_reference", annee) > 0, sur_reference, cible_individuelle)

    def a_la_reconduction(valeur_de, cle):
        return a_annees(valeur_de, regle(c, f"reconduction.{cle}"), annees_de(c, f"reconduction.{cle}")) > 0

    initial = a_la_reconduction(cible_au_contrat, "annee_ciblage")
    premiere = a_la_reconduction(objectif_chirurgie, "premiere_annee_evaluee")
    seconde = a_la_reconduction(objectif_chirurgie, "seconde_annee_evaluee")
    potentiel = d("chirurgie_ambulatoire_potentiel_conversion")
    reconduit = initial & ~(premiere & seconde) & ((~premiere & ~seconde) | potentiel)
    individuel = np.where(regle(c, "reconduction.en_vigueur") > 0, reconduit, cible_au_contrat(A))
    option_choisie = option != r.options["aucune"]
    ciblages[c] = (regle(c, "applicable") > 0) & np.where(regle(c, "progression_sur_reference") > 0, option_choisie, individuel)
    parts[c] = f64(objectif_chirurgie(A) * 1)

    # Indicateurs qui commencent plus tard (formula_2023 du parcours AVC, formula_2024 du BPCO, formula_2025 du transport composite).
    for nom, debut in (("parcours_avc", 2023), ("parcours_bpco", 2024), ("transport_composite", 2025)):
        if debut > A:
            ciblages[nom], parts[nom] = faux, np.zeros(n)

    # points, valeur du point, intéressements régionaux
    points_etab = f64(sous_contrat * sum(regle(nom, "poids_repartition") * ciblages[nom] for nom in INDICATEURS_REGIONAUX))
    # Les intéressements nationaux payés dans l'enveloppe fermée (paramètre daté : 1 à partir de 2025).
    nationaux_region = i64(np.bincount(membres, weights=interessement_national, minlength=N))
    enveloppe_regionaux = i64(np.maximum(r.enveloppe - nationaux_region * nat["enveloppe.nationaux_dedans"], 0))
    valeur_point = f64(rapport(enveloppe_regionaux, somme_region(points_etab)))[membres]
    interessements = {}
    for nom in INDICATEURS_REGIONAUX:  # quatorze indicateurs, pas les établissements
        saisi = d(f"montant_potentiel_{nom}", A)
        potentiel = np.where(saisi > 0, saisi, regle(nom, "poids_repartition") * valeur_point)
        gagne = arrondi_euro(ciblages[nom] * sous_contrat * potentiel * parts[nom])
        # Un potentiel saisi plafonne l'arrondi : jamais plus que ⌊saisi × max(part, 1)⌋.
        plafond_saisi = np.where(saisi > 0, np.floor(saisi * np.maximum(parts[nom], 1)), np.inf)
        interessements[nom] = i64(np.minimum(gagne, plafond_saisi))
    interessement_regional = i64(sum(valeur.astype(np.int64) for valeur in interessements.values()))
    nombre_regionaux = i64(sum(ciblages[nom].astype(np.int64) for nom in INDICATEURS_REGIONAUX))
    verse = i64(repartir_plancher(
        interessement_regional, membres, enveloppe_regionaux,
        plafond=nat["enveloppe.plafond"] * enveloppe_regionaux[membres], integrale=nat["enveloppe.integrale"],
    ))
    liantes = int(np.sum(np.bincount(membres, weights=verse, minlength=N) < np.bincount(membres, weights=interessement_regional, minlength=N)))
    plafonnes = int(np.sum((verse == np.floor(nat["enveloppe.plafond"] * enveloppe_regionaux[membres])) & (verse < interessement_regional)))

    # ---- refus de signer, totaux -------------------------------------------------------------------
    produits = d("produits_assurance_maladie", A - 1)
    penalite_refus = i64(d("refus_signature", A) * arrondi_euro(nat["refus.taux"] * produits))
    interessement_total = i64(interessement_national + verse)
    penalite_totale = penalite_refus
    solde = i64(interessement_total - penalite_totale)
    dans_champ = (nombre_nationaux != 0) | (nombre_regionaux != 0)  # ifep_dans_champ : faux avant 2027
    STATISTIQUES.update(regions_liantes=liantes, etablissements_plafonnes=plafonnes)
    return {
        "interessement": interessement_total.astype(np.int64),
        "penalite": penalite_totale.astype(np.int64),
        "solde": solde.astype(np.int64),
        "produits_reference": produits.astype(np.float64),
        "dans_champ": dans_champ,
        "interessement_national": interessement_national,
        "interessement_regional": interessement_regional,
        "interessement_regional_verse": verse,
        "penalite_refus_signature": penalite_refus,
        # Variables du régime 2018 et de l'IFEP : nulles en 2025 (la loi les arrête ou ne les fait pas commencer).
        "penalite_non_atteinte": zeros_i64,
        "score_volet_obligatoire": np.zeros(n, dtype=np.float64),
        "ifep_dotation_complementaire": zeros_i64,
        "ifep_penalite": zeros_i64,
        "ifep_plafond_penalite": zeros_i64,
    }


def ecarts(plancher: dict, valeurs) -> list[str]:
    """Les sorties où le plancher diffère de la comparaison (vide : identiques)."""
    differentes = []
    for nom in SORTIES:
        if nom not in valeurs:
            continue
        attendu = np.asarray(valeurs[nom])
        obtenu = np.asarray(plancher[nom])
        if attendu.shape != obtenu.shape or not np.array_equal(attendu.astype(np.float64), obtenu.astype(np.float64)):
            nombre = int(np.sum(attendu.astype(np.float64) != obtenu.astype(np.float64))) if attendu.shape == obtenu.shape else -1
            differentes.append(f"{nom} ({nombre} établissements)")
    return differentes
