"""Un fichier de population fautif est refusé par `caqes simulate` : code 2, un message qui nomme
le fichier, la ligne et la colonne, aucune trace Python, aucun fichier de sortie."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_caqes.cli import main
from openfisca_caqes.population import ErreurPopulation, charger_population
from openfisca_caqes.systeme import systeme_de_base

# La règle lue ici existe depuis les fondations : le test ne dépend pas du reste de la loi.
VARIABLES = ("--variables", "penalite_refus_signature")
EN_TETE = "etablissement,entite_juridique,region,categorie_etablissement,refus_signature_2025,produits_assurance_maladie_2024"
LIGNE_1 = "chu_purpan,chu_toulouse,occitanie,mco_public,1,12345678"
LIGNE_2 = "clinique_pasteur,clinique_pasteur,occitanie,mco_prive,0,4000050"


def ecrire(dossier: Path, lignes: list[str], nom: str = "population.csv") -> Path:
    chemin = dossier / nom
    chemin.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    return chemin


def simuler(chemin: Path, sortie: Path, *options: str) -> int:
    return main(["simulate", "--population", str(chemin), "--year", "2025", "--output", str(sortie), *VARIABLES, *options])


def verifier_refus(capsys, code: int, chemin: Path, sortie: Path, extrait: str, ligne=None, colonne=None) -> str:
    """Code 2 ; « caqes : erreur : FICHIER[, ligne L][, colonne « C »] : message » ; rien d'écrit."""
    erreur = capsys.readouterr().err
    assert code == 2, erreur
    lieu = [str(chemin)]
    if ligne is not None:
        lieu.append(f"ligne {ligne}")
    if colonne is not None:
        lieu.append(f"colonne « {colonne} »")
    assert erreur.startswith("caqes : erreur : " + ", ".join(lieu) + " : "), erreur
    assert extrait in erreur, erreur
    assert "Traceback" not in erreur
    assert not sortie.exists()
    restes = [p.name for p in sortie.parent.iterdir() if p != chemin]
    assert restes == [], f"fichiers laissés dans le dossier de sortie : {restes}"
    return erreur


@pytest.fixture
def sortie(tmp_path) -> Path:
    return tmp_path / "resultats.csv"


def test_reference_le_fichier_valide_passe(tmp_path, sortie, capsys):
    """Le fichier de base des cas suivants est valide : chaque refus vient de la seule faute introduite."""
    assert simuler(ecrire(tmp_path, [EN_TETE, LIGNE_1, LIGNE_2]), sortie) == 0
    assert pd.read_csv(sortie)["penalite_refus_signature"].tolist() == [123_457, 0]


@pytest.mark.parametrize("colonne", ["etablissement", "entite_juridique", "region", "categorie_etablissement"])
def test_colonne_obligatoire_absente(tmp_path, sortie, capsys, colonne):
    tableau = pd.DataFrame([ligne.split(",") for ligne in (LIGNE_1, LIGNE_2)], columns=EN_TETE.split(",")).drop(columns=colonne)
    chemin = tmp_path / "population.csv"
    tableau.to_csv(chemin, index=False)
    verifier_refus(capsys, simuler(chemin, sortie), chemin, sortie, "colonne obligatoire absente", colonne=colonne)


@pytest.mark.parametrize(
    "colonne",
    [
        "produit_assurance_maladie_2024",  # faute de frappe
        "produits_assurance_maladie",  # donnée annuelle sans année
        "est_chu_2024",  # donnée permanente avec une année
    ],
)
def test_colonne_inconnue(tmp_path, sortie, capsys, colonne):
    chemin = ecrire(tmp_path, [f"{EN_TETE},{colonne}", f"{LIGNE_1},1", f"{LIGNE_2},0"])
    verifier_refus(capsys, simuler(chemin, sortie), chemin, sortie, "colonne inconnue", colonne=colonne)


def test_type_errone_texte_dans_un_montant(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1, LIGNE_2.replace("4000050", "4 000 050 €")])
    verifier_refus(
        capsys, simuler(chemin, sortie), chemin, sortie, "« 4 000 050 € » : nombre attendu",
        ligne=3, colonne="produits_assurance_maladie_2024",
    )


def test_type_errone_booleen(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1.replace(",1,", ",peut-être,"), LIGNE_2])
    verifier_refus(
        capsys, simuler(chemin, sortie), chemin, sortie, "booléen attendu", ligne=2, colonne="refus_signature_2025"
    )


def test_type_errone_categorie_inconnue(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1, LIGNE_2.replace("mco_prive", "clinique")])
    verifier_refus(
        capsys, simuler(chemin, sortie), chemin, sortie, "« clinique » inconnue", ligne=3, colonne="categorie_etablissement"
    )


def test_type_errone_lits_non_entiers(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [f"{EN_TETE},lits_mco_2025", f"{LIGNE_1},800", f"{LIGNE_2},120.5"])
    verifier_refus(
        capsys, simuler(chemin, sortie), chemin, sortie, "nombre entier attendu", ligne=3, colonne="lits_mco_2025"
    )


def test_montant_negatif(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1, LIGNE_2.replace("4000050", "-4000050")])
    verifier_refus(
        capsys, simuler(chemin, sortie), chemin, sortie, "montant négatif", ligne=3, colonne="produits_assurance_maladie_2024"
    )


def test_montant_non_fini(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1.replace("12345678", "inf"), LIGNE_2])
    verifier_refus(
        capsys, simuler(chemin, sortie), chemin, sortie, "nombre fini attendu", ligne=2, colonne="produits_assurance_maladie_2024"
    )


@pytest.mark.parametrize("valeur", ["25", "1.0001", "-0.1"])
def test_taux_hors_de_0_1(tmp_path, sortie, capsys, colonne_taux, valeur):
    """25 % écrit 25 au lieu de 0.25 est l'erreur type ; 1 est permis, 1.0001 non ; -0,1 non plus."""
    chemin = ecrire(tmp_path, [f"{EN_TETE},{colonne_taux}", f"{LIGNE_1},1", f"{LIGNE_2},{valeur}"])
    extrait = "valeur négative" if valeur.startswith("-") else "taux hors de [0, 1]"
    verifier_refus(capsys, simuler(chemin, sortie), chemin, sortie, extrait, ligne=3, colonne=colonne_taux)


def test_taux_aux_bornes_accepte(tmp_path, sortie, capsys, colonne_taux):
    chemin = ecrire(tmp_path, [f"{EN_TETE},{colonne_taux}", f"{LIGNE_1},0", f"{LIGNE_2},1"])
    assert simuler(chemin, sortie) == 0, capsys.readouterr().err


def test_identifiant_en_double(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1, LIGNE_2, LIGNE_1.replace("12345678", "1")])
    verifier_refus(
        capsys, simuler(chemin, sortie), chemin, sortie, "« chu_purpan » en double", ligne=4, colonne="etablissement"
    )


def test_etablissement_sans_identifiant(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1, LIGNE_2.replace("clinique_pasteur,clinique_pasteur", ",clinique_pasteur")])
    verifier_refus(capsys, simuler(chemin, sortie), chemin, sortie, "sans identifiant", ligne=3, colonne="etablissement")


def test_etablissement_sans_entite_juridique(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1, LIGNE_2.replace("clinique_pasteur,clinique_pasteur", "clinique_pasteur, ")])
    verifier_refus(
        capsys, simuler(chemin, sortie), chemin, sortie, "sans entité juridique", ligne=3, colonne="entite_juridique"
    )


def test_etablissement_sans_region(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1.replace("occitanie", ""), LIGNE_2])
    verifier_refus(capsys, simuler(chemin, sortie), chemin, sortie, "sans région", ligne=2, colonne="region")


def test_region_inconnue(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1, LIGNE_2.replace("occitanie", "Occitanie")])
    verifier_refus(capsys, simuler(chemin, sortie), chemin, sortie, "« Occitanie » inconnue", ligne=3, colonne="region")


def test_donnee_de_region_differente_dans_la_region(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [f"{EN_TETE},enveloppe_regionale_2022", f"{LIGNE_1},1000000", f"{LIGNE_2},900000"])
    verifier_refus(
        capsys, simuler(chemin, sortie), chemin, sortie, "même sur chaque ligne",
        ligne=3, colonne="enveloppe_regionale_2022",
    )


def test_fichier_vide(tmp_path, sortie, capsys):
    chemin = tmp_path / "population.csv"
    chemin.write_bytes(b"")
    verifier_refus(capsys, simuler(chemin, sortie), chemin, sortie, "le fichier est vide")


def test_fichier_sans_etablissement(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE])
    verifier_refus(capsys, simuler(chemin, sortie), chemin, sortie, "aucun établissement")


def _latin1(dossier: Path) -> Path:
    """Un export Windows-1252/Latin-1 : « Nîmes » à la ligne 3."""
    chemin = dossier / "population.csv"
    texte = "\n".join([EN_TETE, LIGNE_1, LIGNE_2.replace("clinique_pasteur,clinique", "clinique_nîmes,clinique")]) + "\n"
    chemin.write_bytes(texte.encode("latin-1"))
    return chemin


def test_texte_non_utf8(tmp_path, sortie, capsys):
    chemin = _latin1(tmp_path)
    code = simuler(chemin, sortie)
    erreur = capsys.readouterr().err
    assert code == 2
    assert erreur.startswith(f"caqes : erreur : {chemin}"), erreur
    assert "n'est pas encodé en UTF-8" in erreur
    assert "Traceback" not in erreur
    assert not sortie.exists()


def test_texte_non_utf8_nomme_la_ligne(tmp_path, sortie, capsys):
    chemin = _latin1(tmp_path)
    verifier_refus(capsys, simuler(chemin, sortie), chemin, sortie, "UTF-8", ligne=3)


def test_ligne_blanche_ne_decale_pas_le_numero(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1, "", LIGNE_2.replace("4000050", "-1")])
    verifier_refus(
        capsys, simuler(chemin, sortie), chemin, sortie, "montant négatif", ligne=4, colonne="produits_assurance_maladie_2024"
    )


def test_champ_en_trop(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1 + ",5", LIGNE_2 + ",5"])
    verifier_refus(capsys, simuler(chemin, sortie), chemin, sortie, "champ", ligne=2)


def _classeur(dossier: Path) -> Path:
    chemin = dossier / "population.xlsx"
    tableau = pd.DataFrame([ligne.split(",") for ligne in (LIGNE_1, LIGNE_2)], columns=EN_TETE.split(","))
    with pd.ExcelWriter(chemin, engine="openpyxl") as classeur:
        tableau.to_excel(classeur, sheet_name="Population", index=False)
    return chemin


def test_feuille_excel_absente(tmp_path, sortie, capsys):
    chemin = _classeur(tmp_path)
    erreur = verifier_refus(
        capsys, simuler(chemin, sortie, "--sheet", "Etablissements"), chemin, sortie, "« Etablissements » n'existe pas"
    )
    assert "Population" in erreur  # le message cite les feuilles présentes


def test_classeur_illisible(tmp_path, sortie, capsys):
    chemin = tmp_path / "population.xlsx"
    chemin.write_bytes(b"ceci n'est pas un classeur")
    verifier_refus(capsys, simuler(chemin, sortie), chemin, sortie, "classeur Excel illisible")


def test_fichier_introuvable(tmp_path, sortie, capsys):
    chemin = tmp_path / "absent.csv"
    verifier_refus(capsys, simuler(chemin, sortie), chemin, sortie, "fichier introuvable")


def test_format_non_reconnu(tmp_path, sortie, capsys):
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1], nom="population.txt")
    verifier_refus(capsys, simuler(chemin, sortie), chemin, sortie, "format non reconnu")


def test_console_sans_trace_python(tmp_path):
    """Le vrai processus `caqes` : code 2, une ligne d'erreur, pas de trace, pas de sortie."""
    chemin = ecrire(tmp_path, [EN_TETE, LIGNE_1, LIGNE_2.replace("4000050", "-1")])
    sortie = tmp_path / "resultats.xlsx"
    caqes = Path(sys.executable).parent / "caqes"
    resultat = subprocess.run(
        [str(caqes), "simulate", "--population", str(chemin), "--year", "2025", "--output", str(sortie), *VARIABLES],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert resultat.returncode == 2, resultat.stderr
    assert resultat.stderr.strip().splitlines() == [
        f"caqes : erreur : {chemin}, ligne 3, colonne « produits_assurance_maladie_2024 » : montant négatif (-1)"
    ]
    assert not sortie.exists()


# --- Propriété : où que soit la faute, le message la situe -----------------------------------

FAUTES = {
    "produits_assurance_maladie_2024": ("-12.5", "montant négatif"),
    "refus_signature_2025": ("2", "booléen attendu"),
    "categorie_etablissement": ("hopital", "inconnue"),
    "lits_mco_2025": ("3.5", "nombre entier attendu"),
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    nombre=st.integers(min_value=1, max_value=30),
    donnees=st.data(),
)
def test_propriete_la_faute_est_situee(tmp_path_factory, nombre, donnees):
    rang = donnees.draw(st.integers(min_value=0, max_value=nombre - 1), label="rang de la ligne fautive")
    colonne = donnees.draw(st.sampled_from(sorted(FAUTES)), label="colonne fautive")
    valeur, extrait = FAUTES[colonne]
    tableau = pd.DataFrame(
        {
            "etablissement": [f"site_{i}" for i in range(nombre)],
            "entite_juridique": [f"ej_{i // 2}" for i in range(nombre)],
            "region": ["occitanie"] * nombre,
            "categorie_etablissement": ["mco_public"] * nombre,
            "refus_signature_2025": ["0"] * nombre,
            "produits_assurance_maladie_2024": [str(1000 * (i + 1)) for i in range(nombre)],
            "lits_mco_2025": [str(i) for i in range(nombre)],
        }
    )
    tableau.loc[rang, colonne] = valeur
    chemin = tmp_path_factory.mktemp("faute") / "population.csv"
    tableau.to_csv(chemin, index=False)
    with pytest.raises(ErreurPopulation) as erreur:
        charger_population(systeme_de_base(), chemin)
    assert (erreur.value.fichier, erreur.value.ligne, erreur.value.colonne) == (str(chemin), rang + 2, colonne)
    assert extrait in erreur.value.message
