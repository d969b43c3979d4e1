"""Les règles générales d'un fichier de population, pour docs/population.md, tirées du code qui les applique.

Le sens d'une cellule vide (`cellules.SENS_DU_VIDE`), les jetons de valeur manquante
(`cellules.JETONS_ECRITS`), les plafonds (`schema.PLAFOND_*`), les décisions facultatives
(`schema.DECISIONS_FACULTATIVES`) et la première année des règles (`besoins.PREMIERE_ANNEE_REGLES`)
sont lus ici dans les modules qui les appliquent : la documentation ne peut pas s'en écarter.
"""

from __future__ import annotations

from openfisca_caqes.population.besoins import OPTION_COMPLETER, PREMIERE_ANNEE_REGLES
from openfisca_caqes.population.cellules import JETONS_ECRITS, SENS_DU_VIDE
from openfisca_caqes.population.schema import (
    DECISIONS_FACULTATIVES,
    PLAFOND_EFFECTIF,
    PLAFOND_LITS,
    PLAFOND_MONTANT,
    PREFIXES_FACULTATIFS,
)


def _entier(nombre: float) -> str:
    return f"{nombre:,.0f}".replace(",", " ")


def regles_du_fichier() -> list[str]:
    """Les puces de la section « Règles du fichier » (formats, dispositions, classeur, vide, valeurs manquantes, nombres, besoins, années)."""
    return [
        "- **Formats** : CSV encodé en **UTF-8** (avec ou sans BOM ; première ligne = noms des colonnes),",
        "  séparé par des **virgules ou des points-virgules** et à **point ou virgule décimale** (le CSV",
        "  d'Excel en français : `;` et `1234,5`) : les deux sont détectés (l'en-tête donne le séparateur,",
        "  les nombres la marque décimale), ou donnés par `--separateur` et `--decimale` ; un en-tête qui",
        "  contient les deux séparateurs, ou un fichier qui mêle `1234,5` et `1234.5`, est refusé en les",
        "  nommant ; dans un fichier à virgule décimale, un point (séparateur de milliers ?) est refusé. Un",
        "  champ contenant le séparateur est entre guillemets. Aussi : **Parquet** (`.parquet`, lu par",
        "  pyarrow : seules les colonnes lues par la question quand on les donne), classeur Excel `.xlsx`",
        "  (une feuille, ou **une feuille par thème** : voir plus bas), et en Python un `pandas.DataFrame`.",
        "  Chaque ligne a **exactement** autant de champs que l'en-tête :",
        "  une ligne courte (ligne coupée, fichier tronqué) ou longue est refusée. Une dernière ligne",
        "  sans fin de ligne est acceptée si elle a tous ses champs (une coupure au milieu du dernier",
        "  nombre ne se voit pas : vérifier la taille du fichier transmis).",
        "- **Dispositions** : **large** (une ligne par établissement, une colonne par variable et par",
        "  année, décrite ci-dessous) ; **longue** (colonnes `etablissement, annee, variable, valeur` : une",
        "  ligne par valeur ; `annee` vide pour une donnée permanente et pour `entite_juridique`, `region`) ;",
        "  **par année** (colonnes `etablissement, annee` puis des noms de variables annuelles, sans",
        "  `_AAAA` : une ligne par établissement et par année). Une erreur d'une table longue nomme sa",
        "  ligne dans le fichier long. Une valeur donnée deux fois est refusée ; une valeur qu'un",
        "  établissement n'a pas et que d'autres ont est refusée (un oubli ne vaut pas 0 ; écrire la ligne",
        "  avec une valeur vide), sauf pour un ciblage imposé ou une décision facultative.",
        "- **Classeur** : sans `--sheet NOM` (`--feuille`), les feuilles de données sont celles dont la",
        "  première ligne porte `etablissement` (« Lisez-moi » est ignorée). Une seule, qui est la",
        "  **première feuille** : c'est le tableau. Plusieurs : un **classeur par thème** (identité,",
        "  finances, chaque volet…), chaque",
        "  feuille large, longue ou par année, réunies par l'identifiant ; une erreur nomme la feuille. Une",
        "  seule feuille de données qui n'est pas la première : refus, qui propose `--sheet`.",
        "  `caqes population modele --annee AAAA --sortie modele.xlsx` écrit ce classeur, vide, pour la",
        "  question (libellés, unités, validation de données, une ligne d'exemple, une feuille",
        "  « Lisez-moi ») ; `caqes population exporter` écrit une population dans chaque format.",
        "- **Colonnes** : dans n'importe quel ordre. Une donnée permanente est une colonne `variable` ;",
        "  une donnée annuelle est une colonne par année, `variable_AAAA` (ex.",
        "  `produits_assurance_maladie_2024`). Une colonne qui ne figure pas ci-dessous est une",
        "  erreur ; une colonne absente n'est exigée que si la question la lit (voir plus bas).",
        "- **Cellule vide** (rien, ou des espaces ; une cellule Excel vide) : un seul sens, appliqué par",
        "  `openfisca_caqes/population/cellules.py` (`SENS_DU_VIDE`) :",
        f"  nombre = {SENS_DU_VIDE['nombre']} ; booléen = {SENS_DU_VIDE['bool']} ; code (catégorie) : "
        f"{SENS_DU_VIDE['Enum']} ;",
        f"  identité : {SENS_DU_VIDE['identite']} ; ciblage imposé (`ciblage_*`) : {SENS_DU_VIDE['surcharge']} ;",
        f"  décision facultative (voir plus bas) : {SENS_DU_VIDE['facultative']}.",
        "  Un vide ne vaut donc **jamais « atteint »**, même pour une atteinte qui vaut 1 quand la",
        "  colonne est absente et complétée par défaut.",
        "- **Valeur manquante écrite** : refusée, car « inconnu » n'est pas 0 : "
        + ", ".join(f"`{j}`" for j in JETONS_ECRITS)
        + " (casse libre), ainsi que les cellules d'erreur Excel. Saisir la valeur, ou vider la",
        "  cellule si la valeur est bien celle du vide.",
        "- **Booléens** : `1`/`0`, `vrai`/`faux`, `oui`/`non` ou `true`/`false` (casse libre).",
        "- **Nombres** : point décimal (virgule dans un CSV à virgule décimale : voir Formats), sans",
        "  espace ni symbole (`1234567.5`, pas `1 234 567,50 €`) ; un",
        "  nombre stocké comme texte dans Excel est lu comme un nombre ; l'infini est refusé. Les",
        "  montants sont en euros et positifs ou nuls ; un **taux** est une fraction dans [0, 1] :",
        "  **25 % s'écrit `0.25`** (`25%` est refusé) ; les effectifs et les lits sont positifs ou nuls,",
        "  les lits entiers. Au-delà d'un **plafond de vraisemblance**, une saisie est refusée comme",
        f"  faute de frappe : {_entier(PLAFOND_MONTANT)} € pour un montant, {_entier(PLAFOND_EFFECTIF)} pour un",
        f"  effectif ou une durée, {_entier(PLAFOND_LITS)} lits (`population/schema.py`) ; en deçà, un",
        "  montant inhabituel (3e9 € : une enveloppe nationale saisie à la place d'un établissement ?)",
        "  est accepté et calculé exactement (64 bits) : le plafond ne juge que l'impossible.",
        "- **Ce que la question lit** : avant de calculer, `caqes` fait un calcul à blanc de la même",
        "  loi aux mêmes années sur un échantillon du fichier (un établissement par catégorie et",
        "  région) et relève les colonnes lues (`openfisca_caqes.population.besoins.besoins`). Une",
        "  colonne lue mais absente est refusée, toutes nommées dans un seul message, sauf avec",
        f"  `{OPTION_COMPLETER}`, qui la remplit de la valeur par défaut indiquée ci-dessous et nomme",
        "  chaque colonne remplie. Pendant le calcul, une lecture imprévue (année propre à chaque",
        "  établissement) d'une colonne absente est refusée de même, avant toute écriture. Les",
        "  décisions facultatives ("
        + ", ".join(f"`{v}`" for v in DECISIONS_FACULTATIVES)
        + ", "
        + ", ".join(f"`{p}*`" for p in PREFIXES_FACULTATIFS)
        + ") ne sont jamais exigées : absentes, aucune décision n'est prise (leur valeur par défaut).",
        f"- **Années** : aucune règle avant {PREMIERE_ANNEE_REGLES} ; une année évaluée (ou, avec",
        "  `--annee-donnees`, une année de données) postérieure à la dernière année des colonnes du",
        "  fichier est refusée.",
    ]
