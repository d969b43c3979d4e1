"""`caqes simulate` : calculer des variables pour une année sur une population."""

from __future__ import annotations

import numpy as np
import pandas as pd

from openfisca_caqes.population import charger_population
from openfisca_caqes.population.defaut import resoudre
from openfisca_caqes.sorties import afficher, ecrire, verifier_sortie
from openfisca_caqes.systeme import systeme_de_base

VARIABLES_PAR_REGIME = {
    2018: ["score_volet_obligatoire", "score_volet_obligatoire_bonus", "penalite_non_atteinte",
           "penalite_refus_signature", "interessement_volets_additionnels", "solde_financier"],
    2022: ["nombre_indicateurs_cibles", "interessement_national", "interessement_regional",
           "interessement_regional_verse", "penalite_refus_signature", "solde_financier"],
    2027: ["ifep_dans_champ", "ifep_dotation_complementaire", "ifep_penalite", "ifep_plafond_penalite",
           "solde_financier"],
}


def declarer(sous) -> None:
    parser = sous.add_parser("simulate", help="calculer les montants d'une année, établissement par établissement")
    parser.add_argument("--population", default="default", help="fichier CSV/XLSX, ou `default` (Occitanie synthétique)")
    parser.add_argument("--sheet", default=None, help="feuille du classeur Excel (la première par défaut)")
    parser.add_argument("--year", type=int, required=True, help="année évaluée (année de performance)")
    parser.add_argument("--variables", nargs="+", metavar="NOM", help="variables à calculer (par défaut : celles du régime de l'année)")
    parser.add_argument("--output", help="fichier de sortie .csv ou .xlsx")
    parser.set_defaults(executer=executer)


def variables_par_defaut(annee: int) -> list[str]:
    regime = max((debut for debut in VARIABLES_PAR_REGIME if debut <= annee), default=2018)
    return VARIABLES_PAR_REGIME[regime]


def executer(arguments) -> int:
    from openfisca_caqes.cli import ErreurUtilisateur

    sortie = verifier_sortie(arguments.output)
    systeme = systeme_de_base()
    noms = arguments.variables or variables_par_defaut(arguments.year)
    inconnues = [nom for nom in noms if nom not in systeme.variables]
    if inconnues:
        raise ErreurUtilisateur(f"variable inconnue : {', '.join(inconnues)}")
    simulation = charger_population(systeme, resoudre(arguments.population), arguments.sheet)
    tableaux = tableaux_resultats(simulation, noms, str(arguments.year))
    for entite, tableau in tableaux.items():
        afficher(tableau, f"{arguments.year} — {entite}")
    if sortie is not None:
        ecrire(tableaux, sortie)
        print(f"\nÉcrit : {sortie}")
    return 0


def tableaux_resultats(simulation, noms: list[str], periode: str) -> dict[str, pd.DataFrame]:
    """Un tableau par entité : les valeurs des variables, avec les libellés en français."""
    systeme = simulation.tax_benefit_system
    etablissements = simulation.populations["etablissement"]
    tableaux: dict[str, pd.DataFrame] = {}
    par_entite: dict[str, dict[str, np.ndarray]] = {}
    for nom in noms:
        variable = systeme.variables[nom]
        valeurs = simulation.calculate(nom, periode)  # une variable permanente se lit aussi à l'année
        if variable.value_type.__name__ == "Enum":
            valeurs = valeurs.decode_to_str()
        par_entite.setdefault(variable.entity.key, {})[variable.label or nom] = valeurs
    for cle, colonnes in par_entite.items():
        population = simulation.populations[cle]
        identite = {"Identifiant": population.ids}
        if cle == "etablissement":
            identite["Entité juridique"] = simulation.populations["entite_juridique"].ids[
                simulation.populations["entite_juridique"].members_entity_id
            ]
            identite["Région"] = simulation.populations["region"].ids[simulation.populations["region"].members_entity_id]
        tableaux[population.entity.plural] = pd.DataFrame({**identite, **colonnes})
    if "etablissements" in tableaux and len(etablissements.ids):
        tableaux = {"etablissements": tableaux.pop("etablissements"), **tableaux}
    return tableaux
