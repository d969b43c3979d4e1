"""Une même population en CSV, en classeur Excel ou en DataFrame donne la même simulation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from donnees_fondations import PENALITES_ATTENDUES, population_valide
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_caqes.cli import main
from openfisca_caqes.population import charger_population
from openfisca_caqes.population.schema import COLONNES_IDENTITE, MOTIF_ANNUEL
from openfisca_caqes.systeme import systeme_de_base

PENALITE = "penalite_refus_signature"  # en-tête du CSV de simulate : le nom de la variable


def ecrire_csv(tableau: pd.DataFrame, dossier: Path) -> Path:
    chemin = dossier / "population.csv"
    tableau.to_csv(chemin, index=False, encoding="utf-8")
    return chemin


def ecrire_xlsx(tableau: pd.DataFrame, dossier: Path, avant: dict[str, pd.DataFrame] | None = None) -> Path:
    """Un classeur dont les cellules sont typées (nombres, VRAI/FAUX), comme un export réel."""
    chemin = dossier / "population.xlsx"
    with pd.ExcelWriter(chemin, engine="openpyxl") as classeur:
        for nom, feuille in (avant or {}).items():
            feuille.to_excel(classeur, sheet_name=nom, index=False)
        tableau.to_excel(classeur, sheet_name="Population", index=False)
    return chemin


def etat(simulation, tableau: pd.DataFrame) -> dict[str, np.ndarray]:
    """Tout ce que la simulation a reçu ou calcule : entités, chaque colonne, les pénalités."""
    systeme = simulation.tax_benefit_system
    resultat = {
        "ids": simulation.populations["etablissement"].ids,
        "entite_juridique": simulation.populations["entite_juridique"].ids[
            simulation.populations["entite_juridique"].members_entity_id
        ],
        "region": simulation.populations["region"].ids[simulation.populations["region"].members_entity_id],
        "code_region": simulation.calculate("code_region", "2025").decode_to_str(),
    }
    for colonne in tableau.columns:
        if colonne in COLONNES_IDENTITE:
            continue
        motif = MOTIF_ANNUEL.match(colonne)
        variable, periode = (motif["variable"], motif["annee"]) if motif and motif["variable"] in systeme.variables else (colonne, "2025")
        valeurs = simulation.calculate(variable, periode)
        resultat[colonne] = valeurs.decode_to_str() if hasattr(valeurs, "decode_to_str") else np.asarray(valeurs)
    for annee in ("2019", "2025"):
        resultat[f"penalite_refus_signature_{annee}"] = simulation.calculate("penalite_refus_signature", annee)
    return resultat


def assert_memes_etats(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for cle in a:
        np.testing.assert_array_equal(a[cle], b[cle], err_msg=cle)


def test_csv_xlsx_dataframe_memes_resultats(tmp_path):
    tableau = population_valide()
    systeme = systeme_de_base()
    par_dataframe = etat(charger_population(systeme, tableau), tableau)
    par_csv = etat(charger_population(systeme, ecrire_csv(tableau, tmp_path)), tableau)
    par_xlsx = etat(charger_population(systeme, ecrire_xlsx(tableau, tmp_path)), tableau)
    assert_memes_etats(par_dataframe, par_csv)
    assert_memes_etats(par_dataframe, par_xlsx)
    # et ce sont les bons résultats, calculés à la main (voir population_valide)
    for annee, attendu in PENALITES_ATTENDUES.items():
        assert par_csv[f"penalite_refus_signature_{annee}"].tolist() == attendu
    assert par_csv["entite_juridique"].tolist() == tableau["entite_juridique"].tolist()
    assert par_csv["code_region"].tolist() == tableau["region"].tolist()


def test_csv_ecrit_en_texte_comme_un_tableur(tmp_path):
    """Les booléens écrits vrai/faux ou oui/non et les cellules vides (= 0, faux) se lisent aussi."""
    tableau = population_valide()
    texte = tableau.astype(object)
    texte["refus_signature_2025"] = np.where(tableau["refus_signature_2025"], "VRAI", "faux")
    texte["refus_signature_2019"] = np.where(tableau["refus_signature_2019"], "oui", "")
    texte["est_chu"] = np.where(tableau["est_chu"], "1", "0")
    texte["produits_liste_en_sus_part_assurance_maladie_2018"] = [
        "" if v == 0 else v for v in tableau["produits_liste_en_sus_part_assurance_maladie_2018"]
    ]
    systeme = systeme_de_base()
    attendu = etat(charger_population(systeme, tableau), tableau)
    assert_memes_etats(attendu, etat(charger_population(systeme, ecrire_csv(texte, tmp_path)), tableau))


def test_feuille_excel_choisie(tmp_path):
    """La première feuille par défaut ; --sheet en désigne une autre."""
    tableau = population_valide()
    notes = pd.DataFrame({"Notes": ["Population de test", "source : synthétique"]})
    chemin = ecrire_xlsx(tableau, tmp_path, avant={"Notes": notes})
    systeme = systeme_de_base()
    choisie = etat(charger_population(systeme, chemin, "Population"), tableau)
    assert_memes_etats(etat(charger_population(systeme, tableau), tableau), choisie)
    sortie = tmp_path / "resultats.csv"
    # sans --sheet, c'est la feuille « Notes » qui est lue : elle n'a pas les colonnes d'identité
    assert main(["simulate", "--population", str(chemin), "--year", "2025", "--variables", "penalite_refus_signature",
                 "--output", str(sortie)]) == 2
    assert not sortie.exists()
    assert main(["simulate", "--population", str(chemin), "--sheet", "Population", "--year", "2025",
                 "--variables", "penalite_refus_signature", "--output", str(sortie)]) == 0
    assert pd.read_csv(sortie)[PENALITE].tolist() == PENALITES_ATTENDUES["2025"]


@pytest.mark.parametrize("annee", ["2019", "2025"])
def test_cli_csv_et_xlsx_memes_sorties(tmp_path, annee):
    tableau = population_valide()
    sorties = {}
    for format_entree, chemin in (("csv", ecrire_csv(tableau, tmp_path)), ("xlsx", ecrire_xlsx(tableau, tmp_path))):
        sortie = tmp_path / f"resultats_{format_entree}.csv"
        code = main(["simulate", "--population", str(chemin), "--year", annee,
                     "--variables", "penalite_refus_signature", "--output", str(sortie)])
        assert code == 0
        sorties[format_entree] = sortie.read_bytes()
    assert sorties["csv"] == sorties["xlsx"]
    lu = pd.read_csv(tmp_path / "resultats_csv.csv")
    assert lu[PENALITE].tolist() == PENALITES_ATTENDUES[annee]


# --- Propriété : pour toute population valide, les trois formats se valent -------------------

CATEGORIES = ["mco_public", "mco_prive", "ssr_public", "ssr_prive", "psy_public", "psy_prive", "had", "had_sans_pui", "dialyse"]
REGIONS = ["occitanie", "ile_de_france", "bretagne", "corse"]
montants = st.one_of(
    st.just(0.0),
    st.integers(min_value=0, max_value=50_000_000).map(float),
    st.decimals(min_value=0, max_value=20_000_000, places=2).map(float),
)


@st.composite
def populations(draw) -> pd.DataFrame:
    nombre = draw(st.integers(min_value=1, max_value=12))
    # préfixés : un identifiant « NA » ou « null » est un autre sujet (voir test_fondations_chargement_erreurs)
    ids = draw(st.lists(st.from_regex(r"eg_[A-Za-z0-9_-]{1,12}", fullmatch=True), min_size=nombre, max_size=nombre, unique=True))
    ej = [draw(st.sampled_from(["ej_a", "ej_b", "ej_c", f"ej_{i}"])) for i in range(nombre)]
    regions = [draw(st.sampled_from(REGIONS)) for _ in range(nombre)]
    return pd.DataFrame(
        {
            "etablissement": ids,
            "entite_juridique": ej,
            "region": regions,
            "categorie_etablissement": [draw(st.sampled_from(CATEGORIES)) for _ in range(nombre)],
            "est_clcc": [draw(st.booleans()) for _ in range(nombre)],
            "refus_signature_2019": [draw(st.booleans()) for _ in range(nombre)],
            "sanction_refus_liste_en_sus_2019": [draw(st.booleans()) for _ in range(nombre)],
            "refus_signature_2025": [draw(st.booleans()) for _ in range(nombre)],
            "produits_assurance_maladie_2018": [draw(montants) for _ in range(nombre)],
            "produits_liste_en_sus_part_assurance_maladie_2018": [draw(montants) for _ in range(nombre)],
            "produits_assurance_maladie_2024": [draw(montants) for _ in range(nombre)],
            "places_had_2025": [draw(st.integers(min_value=0, max_value=500)) for _ in range(nombre)],
        }
    )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tableau=populations())
def test_propriete_trois_formats_memes_resultats(tmp_path_factory, tableau):
    dossier = tmp_path_factory.mktemp("formats")
    systeme = systeme_de_base()
    reference = etat(charger_population(systeme, tableau), tableau)
    assert_memes_etats(reference, etat(charger_population(systeme, ecrire_csv(tableau, dossier)), tableau))
    assert_memes_etats(reference, etat(charger_population(systeme, ecrire_xlsx(tableau, dossier)), tableau))
    assert reference["ids"].tolist() == tableau["etablissement"].tolist()
