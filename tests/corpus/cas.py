"""Le corpus de fichiers de population fautifs ou inhabituels, construits à partir d'un fichier valide.

Chaque cas a un nom, la faute qu'il introduit, et ce que `caqes simulate` doit répondre : un refus
(code 2, fragment du message, ligne et colonne quand elles s'appliquent) ou un calcul exact. Le
fichier de base (trois établissements, deux régions) est valide ; chaque cas n'y change qu'une
chose. Les pénalités de refus attendues (1 % des produits N-1, arrondi à l'euro, demi-euro vers
le haut ; parameters/caqes/refus_signature/taux.yaml) :
- chu_purpan : 1 % × 12 345 678 = 123 456,78 → 123 457 ;
- clinique_pasteur : pas de refus → 0 ;
- had_paris : 1 % × 2 700 000 = 27 000.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

ENTETE = [
    "etablissement", "entite_juridique", "region", "categorie_etablissement", "est_chu",
    "refus_signature_2025", "produits_assurance_maladie_2024", "lits_mco_2025", "TAUX",
    "journees_had_2025", "enveloppe_regionale_2022",
]
LIGNES = [
    ["chu_purpan", "chu_toulouse", "occitanie", "mco_public", "1", "1", "12345678", "800", "0.5", "0", "1000000"],
    ["clinique_pasteur", "clinique_pasteur", "occitanie", "mco_prive", "0", "0", "4000050", "120", "0.25", "0", "1000000"],
    ["had_paris", "had_idf", "ile_de_france", "had", "0", "1", "2700000", "0", "1", "5000", "2500000"],
]
PENALITES_BASE = [123_457, 0, 27_000]
AMOUNT = "produits_assurance_maladie_2024"
REFUS = "refus_signature_2025"


@dataclass
class Cas:
    """Un fichier du corpus : comment le construire, ce qui est attendu."""

    nom: str
    faute: str
    construire: Callable[[Path, str], Path]
    extrait: str | None = None  # None : le fichier est valide, calculé exactement
    ligne: int | None = None
    colonne: str | None = None
    options: list[str] = field(default_factory=lambda: ["--year", "2025", "--variables", "penalite_refus_signature"])
    penalites: list[int] | None = None  # pour un cas valide
    sans_fichier: bool = False  # le message ne nomme pas le fichier (option de la ligne de commande)


def table(taux: str, remplacer: dict[tuple[int, str], str] | None = None, colonnes=None) -> list[list[str]]:
    """L'en-tête et les lignes de base, avec les cellules (ligne du fichier, colonne) remplacées."""
    entete = [taux if c == "TAUX" else c for c in ENTETE]
    lignes = [list(ligne) for ligne in LIGNES]
    for (numero, colonne), valeur in (remplacer or {}).items():
        lignes[numero - 2][entete.index(taux if colonne == "TAUX" else colonne)] = valeur
    if colonnes is not None:
        garder = [entete.index(taux if c == "TAUX" else c) for c in colonnes]
        entete = [entete[j] for j in garder]
        lignes = [[ligne[j] for j in garder] for ligne in lignes]
    return [entete, *lignes]


def csv_texte(lignes: list[list[str]]) -> str:
    def champ(valeur: str) -> str:
        return f'"{valeur}"' if "," in valeur or '"' in valeur else valeur

    return "\n".join(",".join(champ(v) for v in ligne) for ligne in lignes) + "\n"


def csv(remplacer=None, colonnes=None, nom: str = "population.csv"):
    def construire(dossier: Path, taux: str) -> Path:
        chemin = dossier / nom
        chemin.write_text(csv_texte(table(taux, remplacer, colonnes)), encoding="utf-8")
        return chemin

    return construire


def brut(transformer: Callable[[str], bytes], nom: str = "population.csv"):
    """Un CSV dont le texte de base est transformé (coupé, réencodé, séparé autrement…)."""

    def construire(dossier: Path, taux: str) -> Path:
        chemin = dossier / nom
        chemin.write_bytes(transformer(csv_texte(table(taux))))
        return chemin

    return construire


def xlsx(remplacer=None, nombres_en_texte: bool = False, erreur: tuple[int, str] | None = None):
    """Un classeur : nombres typés (ou stockés comme texte), et au besoin une cellule d'erreur Excel."""

    def construire(dossier: Path, taux: str) -> Path:
        lignes = table(taux, remplacer)
        classeur = openpyxl.Workbook()
        feuille = classeur.active
        feuille.title = "Population"
        feuille.append(lignes[0])
        for ligne in lignes[1:]:
            feuille.append([v if nombres_en_texte else _type(v) for v in ligne])
        if erreur is not None:
            cellule = feuille.cell(row=erreur[0], column=lignes[0].index(taux if erreur[1] == "TAUX" else erreur[1]) + 1)
            cellule.value = "#N/A"
            cellule.data_type = "e"  # une vraie cellule d'erreur, comme =NA() calculée par Excel
        chemin = dossier / "population.xlsx"
        classeur.save(chemin)
        return chemin

    return construire


def xlsx_entete(changer: Callable[[list[str]], list[str]]):
    """Un classeur typé dont l'en-tête est changé."""

    def construire(dossier: Path, taux: str) -> Path:
        chemin = xlsx()(dossier, taux)
        classeur = openpyxl.load_workbook(chemin)
        feuille = classeur.active
        entete = changer([c.value for c in feuille[1]])
        for j, valeur in enumerate(entete, start=1):
            feuille.cell(row=1, column=j).value = valeur
        classeur.save(chemin)
        return chemin

    return construire


def _type(valeur: str):
    try:
        nombre = float(valeur)
    except ValueError:
        return valeur
    return int(nombre) if nombre.is_integer() else nombre


JETONS = ["#N/A", "NA", "N/A", "n/a", "null", "NULL", "NaN", "nan", "None", "<NA>", "#DIV/0!", "#VALEUR!", "-", "?"]


def corpus() -> list[Cas]:
    """Les cas du corpus (plus de quarante)."""
    cas = [
        Cas(f"jeton_montant_{i}", f"« {jeton} » dans un montant", csv({(3, AMOUNT): jeton}),
            f"valeur manquante « {jeton} »", 3, AMOUNT)
        for i, jeton in enumerate(JETONS)
    ]
    cas += [
        Cas("jeton_booleen_NA", "« NA » dans un booléen", csv({(2, REFUS): "NA"}), "valeur manquante « NA »", 2, REFUS),
        Cas("jeton_taux_null", "« null » dans un taux", csv({(4, "TAUX"): "null"}), "valeur manquante « null »", 4, "TAUX"),
        Cas("jeton_identifiant", "« #N/A » comme identifiant", csv({(3, "etablissement"): "#N/A"}),
            "sans identifiant (valeur manquante « #N/A »)", 3, "etablissement"),
        Cas("ligne_courte", "une ligne à 10 champs pour 11 colonnes",
            brut(lambda t: t.replace(",0,4000050,120,0.25,0,", ",0,4000050,120,0.25,").encode()),
            "10 champs pour 11 colonnes d'en-tête : 1 manquent", 3),
        Cas("ligne_longue", "une ligne à 12 champs", brut(lambda t: t.replace("0.25,0,1000000", "0.25,0,1000000,7").encode()),
            "12 champs pour 11 colonnes d'en-tête : 1 sont en trop", 3),
        Cas("csv_coupe", "fichier coupé au milieu de la dernière ligne", brut(lambda t: t[: t.rindex("2700000") + 4].encode()),
            "fichier tronqué", 4),
        Cas("csv_coupe_dans_guillemets", "coupé dans un champ entre guillemets",
            brut(lambda t: (t + 'x,y,occitanie,"mco_pu').encode()), "guillemet ouvert jamais fermé"),
        Cas("montant_negatif", "montant négatif", csv({(3, AMOUNT): "-4000050"}), "montant négatif", 3, AMOUNT),
        Cas("montant_1e12", "1e12 € : au-delà du plafond de 1e11 €", csv({(2, AMOUNT): "1e12"}), "plafond de vraisemblance", 2, AMOUNT),
        Cas("taux_1_5", "taux 1.5", csv({(2, "TAUX"): "1.5"}), "taux hors de [0, 1]", 2, "TAUX"),
        Cas("taux_negatif", "taux -0.1", csv({(2, "TAUX"): "-0.1"}), "valeur négative", 2, "TAUX"),
        Cas("taux_pourcent", "taux « 25% »", csv({(3, "TAUX"): "25%"}), "sans %", 3, "TAUX"),
        Cas("virgule_decimale", "« 4000050,5 » (virgule décimale, champ cité)", csv({(3, AMOUNT): "4000050,5"}),
            "le séparateur décimal est le point", 3, AMOUNT),
        Cas("texte_dans_nombre", "« beaucoup » dans un montant", csv({(3, AMOUNT): "beaucoup"}), "« beaucoup » : nombre attendu", 3, AMOUNT),
        Cas("montant_avec_espaces_et_euro", "« 4 000 050 € »", csv({(3, AMOUNT): "4 000 050 €"}), "nombre attendu", 3, AMOUNT),
        Cas("infini", "« inf »", csv({(2, AMOUNT): "inf"}), "nombre fini attendu", 2, AMOUNT),
        Cas("debordement", "« 1e400 » (infini en float64)", csv({(4, AMOUNT): "1e400"}), "nombre fini attendu", 4, AMOUNT),
        Cas("lits_non_entiers", "120.5 lits", csv({(3, "lits_mco_2025"): "120.5"}), "nombre entier attendu", 3, "lits_mco_2025"),
        Cas("booleen_peut_etre", "« peut-être » dans un booléen", csv({(2, REFUS): "peut-être"}), "booléen attendu", 2, REFUS),
        Cas("booleen_2", "2 dans un booléen", csv({(4, REFUS): "2"}), "booléen attendu", 4, REFUS),
        Cas("identifiant_double", "identifiant en double", csv({(4, "etablissement"): "chu_purpan"}), "« chu_purpan » en double", 4, "etablissement"),
        Cas("identifiant_vide", "identifiant vide", csv({(3, "etablissement"): ""}), "sans identifiant", 3, "etablissement"),
        Cas("entite_vide", "entité juridique vide", csv({(2, "entite_juridique"): " "}), "sans entité juridique", 2, "entite_juridique"),
        Cas("region_inconnue", "région « Occitanie » (casse)", csv({(3, "region"): "Occitanie"}), "« Occitanie » inconnue", 3, "region"),
        Cas("categorie_inconnue", "catégorie « clinique »", csv({(3, "categorie_etablissement"): "clinique"}),
            "« clinique » inconnue", 3, "categorie_etablissement"),
        Cas("categorie_vide", "catégorie vide", csv({(4, "categorie_etablissement"): ""}), "cellule vide : valeur obligatoire", 4,
            "categorie_etablissement"),
        Cas("donnee_region_differente", "enveloppe différente dans une même région", csv({(3, "enveloppe_regionale_2022"): "900000"}),
            "même sur chaque ligne", 3, "enveloppe_regionale_2022"),
        Cas("colonne_inconnue", "colonne « produit_assurance_maladie_2024 » (faute de frappe)",
            brut(lambda t: t.replace(AMOUNT, "produit_assurance_maladie_2024", 1).encode()), "colonne inconnue", None,
            "produit_assurance_maladie_2024"),
        Cas("colonne_identite_absente", "pas de colonne entite_juridique",
            csv(colonnes=[c for c in ENTETE if c != "entite_juridique"]), "colonne obligatoire absente", None, "entite_juridique"),
        Cas("identite_seule", "seulement les colonnes d'identité et la catégorie",
            csv(colonnes=ENTETE[:4]), "aucune donnée annuelle"),
        Cas("colonne_lue_absente", "refus_signature_2025 absente : la question la lit",
            csv(colonnes=[c for c in ENTETE if c != REFUS]), "colonne(s) lue(s) par la question absente(s) du fichier : refus_signature_2025"),
        Cas("annee_2030", "--year 2030 : au-delà des données (2025)", csv(), "année 2030 au-delà des données du fichier : sa dernière année est 2025",
            options=["--year", "2030", "--variables", "penalite_refus_signature"]),
        Cas("annee_2017", "--year 2017 : avant les premières règles", csv(), "année 2017 : aucune règle avant 2018",
            options=["--year", "2017", "--variables", "penalite_refus_signature"], sans_fichier=True),
        Cas("annee_0", "--year 0 (refusé par l'option : quatre chiffres)", csv(), "année 0 impossible (quatre chiffres attendus",
            options=["--year", "0", "--variables", "penalite_refus_signature"], sans_fichier=True),
        Cas("annee_99999", "--year 99999 (refusé par l'option : quatre chiffres)", csv(), "année 99999 impossible (quatre chiffres attendus",
            options=["--year", "99999", "--variables", "penalite_refus_signature"], sans_fichier=True),
        Cas("xlsx_erreur_na", "cellule d'erreur #N/A dans un classeur", xlsx(erreur=(3, AMOUNT)), "valeur manquante « #N/A »", 3, AMOUNT),
        Cas("xlsx_peut_etre", "« peut-être » dans un booléen d'un classeur", xlsx({(2, REFUS): "peut-être"}), "booléen attendu", 2, REFUS),
        Cas("xlsx_jeton_texte", "« NA » saisi dans un classeur", xlsx({(4, AMOUNT): "NA"}), "valeur manquante « NA »", 4, AMOUNT),
        Cas("fichier_vide", "fichier de zéro octet", brut(lambda t: b""), "le fichier est vide"),
        Cas("entete_seul", "en-tête sans établissement", brut(lambda t: t.split("\n")[0].encode() + b"\n"), "aucun établissement"),
        Cas("latin1", "encodé en Latin-1 (« Nîmes » ligne 3)",
            brut(lambda t: t.replace("clinique_pasteur,clinique_pasteur", "clinique_nîmes,clinique").encode("latin-1")), "UTF-8", 3),
        Cas("colonne_en_double", "produits_assurance_maladie_2024 deux fois dans l'en-tête",
            brut(lambda t: t.replace("lits_mco_2025", AMOUNT, 1).encode()), "colonne nommée deux fois", 1, AMOUNT),
        Cas("xlsx_colonne_en_double", "une colonne deux fois dans un classeur",
            xlsx_entete(lambda entete: [AMOUNT if c == "lits_mco_2025" else c for c in entete]), "colonne nommée deux fois", 1, AMOUNT),
        # accepté depuis la lecture des CSV d'Excel en français (séparateur détecté) : calculé exactement
        Cas("point_virgule", "séparateur point-virgule (export Excel français)", brut(lambda t: t.replace(",", ";").encode()),
            penalites=PENALITES_BASE),
        # --- valides mais inhabituels : calculés exactement ---
        Cas("montant_3e9", "3e9 € : sous le plafond de 1e11 €, accepté", csv({(2, AMOUNT): "3e9"}), penalites=[30_000_000, 0, 27_000]),
        Cas("bom", "CSV avec BOM UTF-8", brut(lambda t: b"\xef\xbb\xbf" + t.encode()), penalites=PENALITES_BASE),
        Cas("crlf", "fins de ligne Windows", brut(lambda t: t.replace("\n", "\r\n").encode()), penalites=PENALITES_BASE),
        Cas("sans_fin_de_ligne", "dernière ligne complète sans fin de ligne", brut(lambda t: t.rstrip("\n").encode()),
            penalites=PENALITES_BASE),
        Cas("ligne_blanche", "une ligne blanche au milieu", brut(lambda t: t.replace("\nclinique", "\n\nclinique").encode()),
            penalites=PENALITES_BASE),
        Cas("booleens_en_mots", "VRAI / Non / oui", csv({(2, REFUS): "VRAI", (3, REFUS): "Non", (4, REFUS): "oui"}),
            penalites=PENALITES_BASE),
        Cas("montant_vide", "montant vide : vaut 0", csv({(2, AMOUNT): ""}), penalites=[0, 0, 27_000]),
        Cas("montant_blanc", "montant fait d'espaces : vide, vaut 0", csv({(2, AMOUNT): "   "}), penalites=[0, 0, 27_000]),
        Cas("xlsx_nombres_en_texte", "classeur dont les nombres sont stockés comme texte", xlsx(nombres_en_texte=True),
            penalites=PENALITES_BASE),
        Cas("xlsx_types", "classeur typé", xlsx(), penalites=PENALITES_BASE),
        Cas("montant_64_bits", "1 234 567 850 € : 1 % = 12 345 678,5 → 12 345 679 (demi-euro vers le haut)",
            csv({(2, AMOUNT): "1234567850"}), penalites=[12_345_679, 0, 27_000]),
    ]
    from cas_formats import corpus_formats  # les formats long, par année, par thème, Parquet, CSV français

    return cas + corpus_formats()
