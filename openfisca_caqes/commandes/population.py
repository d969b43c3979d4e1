"""`caqes population` : le modèle à remplir (`modele`), l'export d'une population (`exporter`), ses besoins (`besoins`)."""

from __future__ import annotations

import argparse
import re

import pandas as pd

from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.options import annee
from openfisca_caqes.population import charger_population, lire_tableau
from openfisca_caqes.population.besoins import Question, besoins, questions_comparaison
from openfisca_caqes.population.defaut import chemin_population_defaut, resoudre
from openfisca_caqes.population.modele import _variable, ecrire_classeur
from openfisca_caqes.population.options_lecture import ajouter_options_lecture, options_lecture
from openfisca_caqes.population.regles_fichier import regles_du_fichier
from openfisca_caqes.population.schema import schema
from openfisca_caqes.preparation_comparaison import preparer_colonnes
from openfisca_caqes.sorties import fichiers_atomiques, verifier_sortie
from openfisca_caqes.systeme import systeme_de_base
from openfisca_caqes.variables_simulees import variables_calculees

FORMATS_EXPORT = (".csv", ".parquet", ".xlsx")


def declarer(sous) -> None:
    parser = sous.add_parser("population", help="modèle à remplir, export et besoins d'une population")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    modele = actions.add_parser("modele", help="écrire le classeur .xlsx à remplir pour les années demandées")
    ajouter_question(modele)
    modele.add_argument("--sortie", "--output", dest="sortie", required=True, help="classeur à écrire (.xlsx)")
    modele.set_defaults(executer=executer_modele)

    exporter = actions.add_parser("exporter", help="écrire une population (l'embarquée par défaut) dans un autre format")
    ajouter_options_lecture(exporter)
    exporter.add_argument("--sortie", "--output", dest="sortie", required=True, help="fichier .csv, .parquet ou .xlsx")
    exporter.add_argument("--format", choices=("large", "longue"), default="large",
                          help="CSV ou Parquet : large (une colonne par variable et année) ou long "
                          "(etablissement, annee, variable, valeur) ; un .xlsx est un classeur par thème")
    exporter.add_argument("--separateur-sortie", choices=("virgule", "point-virgule"), default="virgule",
                          help="séparateur du CSV écrit (point-virgule, avec --decimale-sortie virgule, pour Excel en français)")
    exporter.add_argument("--decimale-sortie", choices=("point", "virgule"), default="point", help="marque décimale du CSV écrit")
    exporter.set_defaults(executer=executer_exporter)

    besoins = actions.add_parser("besoins", help="lister les colonnes que lit `caqes simulate` pour les années demandées")
    ajouter_options_lecture(besoins)
    ajouter_question(besoins)
    besoins.set_defaults(executer=executer_besoins)


def ajouter_question(parser) -> None:
    """La question dont on veut les colonnes : `simulate --year` (des années) et/ou `compare --regimes`."""
    parser.add_argument("--annee", "--year", dest="annees", type=annee, nargs="+", default=[], metavar="AAAA",
                        help="années évaluées : les colonnes que lit `caqes simulate --year AAAA`")
    parser.add_argument("--regimes", default=None, metavar="RÉGIMES",
                        help="les colonnes que lit `caqes compare --regimes RÉGIMES` (ex. 2018,2022,2025,2027)")


def questions(systeme, arguments) -> list:
    """Les questions de `simulate` (chaque année) et de `compare` (les régimes) ; au moins l'une des deux options."""
    if not arguments.annees and arguments.regimes is None:
        raise ErreurUtilisateur("préciser --annee AAAA (questions de `caqes simulate`) ou --regimes (de `caqes compare`)")
    liste = [Question.de(variables_calculees(systeme, a), a, systeme) for a in sorted(set(arguments.annees))]
    if arguments.regimes is not None:
        comparaison = argparse.Namespace(regimes=arguments.regimes, scenario=[], baseline=None, annee_donnees=None,
                                         seuil_bande=0.01)
        liste += questions_comparaison(preparer_colonnes(comparaison)[0])
    return liste


def colonnes_lues(systeme, arguments, echantillon=None) -> list[str]:
    """Les colonnes que lisent les questions demandées (`simulate --year`, `compare --regimes`)."""
    return besoins(systeme, questions(systeme, arguments), echantillon)


def _quoi(arguments) -> str:
    parties = [f"années {', '.join(map(str, sorted(set(arguments.annees))))}"] if arguments.annees else []
    if arguments.regimes is not None:
        parties.append(f"compare --regimes {arguments.regimes}")
    return " ; ".join(parties)


def _consignes(quoi: str) -> list[str]:
    texte = " ".join(regles_du_fichier())
    puces = [re.sub(r"\s+", " ", re.sub(r"[`*]", "", p)).strip() for p in re.split(r"(?:^| )- (?=\*\*)", texte) if p.strip()]
    return [
        f"Modèle de population pour caqes ({quoi}), généré depuis la loi encodée.",
        "1. Une ligne par établissement dans chaque feuille, avec le même identifiant (colonne etablissement) ; "
        "la feuille « etablissements » porte l'identité (entité juridique, région, catégorie).",
        "2. La ligne d'exemple (un établissement de la population synthétique) est à remplacer.",
        "3. Les colonnes variable_AAAA sont des données de l'année AAAA ; le commentaire de l'en-tête donne libellé et unité.",
        "4. Puis : caqes simulate --population ce_fichier.xlsx --year AAAA (ou caqes compare --population …).",
        "Règles du fichier (docs/population.md) :",
        *puces,
    ]


def executer_modele(arguments) -> int:
    sortie = verifier_sortie(arguments.sortie, (".xlsx",), "--sortie")
    systeme = systeme_de_base()
    noms = colonnes_lues(systeme, arguments)
    exemple, _ = lire_tableau(chemin_population_defaut())
    with fichiers_atomiques([sortie]) as (temporaire,):
        feuilles = ecrire_classeur(systeme, exemple.iloc[:1], noms, temporaire, _consignes(_quoi(arguments)))
    print(f"{sortie} : {sum(len(c) for c in feuilles.values())} colonnes sur {len(feuilles)} feuilles ({_quoi(arguments)}) ; "
          f"remplir puis `caqes simulate --population {sortie} --year AAAA` ou `caqes compare --population {sortie}`")
    return 0


def en_longue(tableau: pd.DataFrame, systeme) -> pd.DataFrame:
    """Le tableau large en table longue (etablissement, annee, variable, valeur) ; une cellule vide reste une ligne vide."""
    colonnes = schema(systeme)
    longue = tableau.astype(object).melt(id_vars="etablissement", var_name="colonne", value_name="valeur")
    cles = pd.DataFrame([_variable(c, colonnes) for c in longue["colonne"].unique()], columns=["variable", "annee"],
                        index=longue["colonne"].unique())
    longue = longue.join(cles, on="colonne")
    longue["annee"] = longue["annee"].astype("Int64")
    return longue[["etablissement", "annee", "variable", "valeur"]]


def executer_exporter(arguments) -> int:
    sortie = verifier_sortie(arguments.sortie, FORMATS_EXPORT, "--sortie")
    systeme = systeme_de_base()
    tableau, nom = lire_tableau(resoudre(arguments.population), arguments.sheet, **options_lecture(arguments))
    tableau = tableau.reset_index(drop=True)
    suffixe = sortie.suffix.lower()
    with fichiers_atomiques([sortie]) as (temporaire,):
        if suffixe == ".xlsx":
            ecrire_classeur(systeme, tableau, [c for c in tableau.columns], temporaire,
                            [f"Population exportée de {nom} par caqes population exporter."])
        else:
            ecrit = en_longue(tableau, systeme) if arguments.format == "longue" else tableau
            if suffixe == ".parquet":
                _texte_en_objets(ecrit).to_parquet(temporaire, index=False)
            else:
                ecrit.to_csv(temporaire, index=False, encoding="utf-8",
                             sep=";" if arguments.separateur_sortie == "point-virgule" else ",",
                             decimal="," if arguments.decimale_sortie == "virgule" else ".")
    print(f"{sortie} : {len(tableau)} établissements, {tableau.shape[1]} colonnes lues de {nom}")
    return 0


def _texte_en_objets(tableau: pd.DataFrame) -> pd.DataFrame:
    """Pour Parquet : une colonne d'objets mêlés (nombres et textes) est écrite en texte, vide gardé vide."""
    tableau = tableau.copy()
    objets = tableau.dtypes.map(lambda t: t.kind == "O").to_numpy()  # colonnes de dtype objet
    for colonne in tableau.columns[objets]:
        tableau[colonne] = tableau[colonne].map(lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
    return tableau


def executer_besoins(arguments) -> int:
    systeme = systeme_de_base()
    echantillon = charger_population(systeme, resoudre(arguments.population), arguments.sheet,
                                     **options_lecture(arguments)).provenance.echantillon
    noms = colonnes_lues(systeme, arguments, echantillon)
    print(f"# {len(noms)} colonnes lues ({_quoi(arguments)}), plus l'identité : etablissement, entite_juridique, region")
    for nom in noms:
        print(nom)
    return 0
