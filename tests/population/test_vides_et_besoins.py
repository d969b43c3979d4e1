"""Une cellule vide a un seul sens, et une question ne lit que des colonnes fournies.

- vide dans un nombre = 0, même là où la variable vaut 1 par défaut (atteinte : jamais « atteint ») ;
- vide dans un ciblage imposé = la règle décide pour cet établissement ;
- `besoins` rend les colonnes qu'une question lit (calcul à blanc tracé, sur un échantillon de
  taille indépendante du nombre d'établissements) ; le garde-fou refuse une lecture imprévue.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_caqes import RACINE_LOI
from openfisca_caqes.cli import main
from openfisca_caqes.erreurs import ErreurPopulation
from openfisca_caqes.population import charger_population
from openfisca_caqes.population.besoins import Question, besoins, garder, manquantes
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.systeme import systeme_de_base

IDENTITE = "etablissement,entite_juridique,region,categorie_etablissement"
PARTIE_6 = (
    "activite_exclusivement_ambulatoire_2019,aucun_dispositif_liste_en_sus_2019,aucun_medicament_liste_en_sus_2019,"
    "aucune_antibiotherapie_2019,aucune_antibiotherapie_plus_7_jours_2019,atteinte_volet_obligatoire_plan_actions_interne_2019"
)


def ecrire(dossier: Path, lignes: list[str], nom: str = "population.csv") -> Path:
    chemin = dossier / nom
    chemin.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    return chemin


def taux_refus() -> Decimal:
    """Le taux de la pénalité de refus, lu dans le YAML de la loi (pas dans le code testé)."""
    valeurs = yaml.safe_load((RACINE_LOI / "parameters/caqes/refus_signature/taux.yaml").read_text(encoding="utf-8"))["values"]
    return Decimal(str(valeurs[max(d for d in valeurs if str(d) <= "2025-01-01")]["value"]))


# --- Vide dans une atteinte : 0, jamais « atteint » -----------------------------------------


def _score_partie_6(dossier: Path, atteinte: str) -> int:
    chemin = ecrire(dossier, [f"{IDENTITE},{PARTIE_6}", f"a,a,occitanie,mco_public,0,0,0,0,0,{atteinte}"], f"p{atteinte or 'vide'}.csv")
    simulation = charger_population(systeme_de_base(), chemin)
    return float(simulation.calculate("score_volet_obligatoire_partie_6", "2019")[0])


def test_atteinte_vide_vaut_0_et_non_atteint(tmp_path):
    """La variable vaut 1 par défaut (« réputé atteint ») ; une cellule vide vaut pourtant 0."""
    assert systeme_de_base().variables["atteinte_volet_obligatoire_plan_actions_interne"].default_value == 1
    vide, zero, un = (_score_partie_6(tmp_path, v) for v in ("", "0", "1"))
    assert vide == zero
    assert vide != un


# --- Vide dans un ciblage imposé : la règle décide --------------------------------------------

CIBLAGE = [
    f"{IDENTITE},journees_had_2025",
    "chu,chu,occitanie,mco_public,0",
    "clinique,clinique,occitanie,mco_prive,0",
    "had_a,had_a,occitanie,had,5000",
    "had_b,had_b,occitanie,had,4000",
]


def _ciblage(dossier: Path, imposees: list[str] | None) -> list[bool]:
    lignes = CIBLAGE if imposees is None else [
        f"{ligne},{valeur}" for ligne, valeur in zip(CIBLAGE, ["ciblage_had_2025", *imposees])
    ]
    chemin = ecrire(dossier, lignes, f"c{len(dossier.name)}{imposees}.csv".replace(" ", "").replace("'", ""))
    return charger_population(systeme_de_base(), chemin).calculate("ciblage_had", "2025").tolist()


def test_ciblage_impose_vide_laisse_la_regle_decider(tmp_path):
    regle = _ciblage(tmp_path, None)
    assert regle == [False, False, True, True]  # HAD active dans l'année : les deux HAD
    # chu imposé ciblé, clinique vide (règle : non), had_a vide (règle : oui), had_b imposé non ciblé
    assert _ciblage(tmp_path, ["1", "", "", "0"]) == [True, False, True, False]
    assert _ciblage(tmp_path, ["", "", "", ""]) == regle


# --- Les besoins d'une question ---------------------------------------------------------------


def test_besoins_de_la_penalite_de_refus():
    """D.162-15 : 1 % des produits N-1 si refus l'année N ; en 2018-2021, au choix 30 % de la liste en sus N-1."""
    systeme = systeme_de_base()
    assert besoins(systeme, [(["penalite_refus_signature"], 2025)]) == [
        "produits_assurance_maladie_2024", "refus_signature_2025",
    ]
    assert besoins(systeme, [(["penalite_refus_signature"], 2019)]) == [
        "produits_assurance_maladie_2018", "produits_liste_en_sus_part_assurance_maladie_2018", "refus_signature_2019",
    ]
    decale = Question.de(["penalite_refus_signature"], 2025, systeme, decalage=2)  # la loi de 2025 sur les données de 2023
    assert besoins(systeme, [decale]) == ["produits_assurance_maladie_2022", "refus_signature_2023"]


def test_echantillon_de_taille_independante_de_n(tmp_path):
    """Mille fois plus d'établissements, mêmes catégories et régions : le même échantillon (coût du calcul à blanc constant)."""
    tableau = pd.read_csv(chemin_population_defaut(), nrows=30)
    grand = pd.concat([tableau] * 100, ignore_index=True)
    grand["etablissement"] = [f"e{i}" for i in range(len(grand))]
    systeme = systeme_de_base()
    petit_echantillon = charger_population(systeme, tableau).provenance.echantillon
    grand_echantillon = charger_population(systeme, grand).provenance.echantillon
    assert len(grand_echantillon) == len(petit_echantillon) <= 9 * 18
    assert len(petit_echantillon) == len(tableau[["categorie_etablissement", "region"]].drop_duplicates())


@pytest.mark.parametrize("annee", [2019, 2022, 2025, 2027])
def test_la_population_embarquee_fournit_tout_ce_que_simulate_lit(annee):
    from openfisca_caqes.commandes.simulate import variables_calculees

    systeme = systeme_de_base()
    simulation = charger_population(systeme, chemin_population_defaut())
    question = Question.de(variables_calculees(systeme, annee), annee, systeme)
    assert manquantes([question], simulation.provenance) == []


def test_garde_fou_refuse_une_lecture_imprevue(tmp_path):
    chemin = ecrire(tmp_path, [f"{IDENTITE},refus_signature_2025,produits_assurance_maladie_2024", "a,a,occitanie,mco_public,1,1000"])
    simulation = charger_population(systeme_de_base(), chemin)
    garder(simulation)
    assert simulation.calculate("penalite_refus_signature", "2025").tolist() == [10]
    with pytest.raises(ErreurPopulation) as erreur:
        simulation.calculate("penalite_refus_signature", "2026")
    # la loi de 2026 lit les produits de 2025 et le refus de 2026 : le premier lu est refusé
    assert "la colonne produits_assurance_maladie_2025, absente du fichier" in erreur.value.message
    assert erreur.value.fichier == str(chemin)


def test_completer_par_defaut_nomme_les_colonnes_remplies(tmp_path, capsys):
    chemin = ecrire(tmp_path, [f"{IDENTITE},produits_assurance_maladie_2024,lits_mco_2025", "a,a,occitanie,mco_public,1000,0"])
    sortie = tmp_path / "r.csv"
    arguments = ["simulate", "--population", str(chemin), "--year", "2025", "--variables", "penalite_refus_signature",
                 "--output", str(sortie)]
    assert main(arguments) == 2
    assert "refus_signature_2025" in capsys.readouterr().err
    assert main([*arguments, "--completer-par-defaut"]) == 0
    assert "colonnes absentes remplies par défaut : refus_signature_2025 = faux" in capsys.readouterr().err
    assert pd.read_csv(sortie)["penalite_refus_signature"].tolist() == [0]


# --- Propriété : un montant non arrondi est relu exactement, la pénalité arrondie comme la loi ----

montants = st.one_of(
    st.floats(min_value=0, max_value=1e11, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=10**11, places=2).map(str),
    st.just(""),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(valeurs=st.lists(montants, min_size=1, max_size=8), refus=st.data())
def test_propriete_montants_relus_exactement(tmp_path_factory, valeurs, refus):
    drapeaux = [refus.draw(st.sampled_from(["1", "0", "vrai", "", "Oui"])) for _ in valeurs]
    textes = [repr(v) if isinstance(v, float) else v for v in valeurs]
    lignes = [f"{IDENTITE},refus_signature_2025,produits_assurance_maladie_2024"]
    lignes += [f"e{i},e{i},occitanie,mco_public,{d},{t}" for i, (d, t) in enumerate(zip(drapeaux, textes))]
    chemin = ecrire(tmp_path_factory.mktemp("montants"), lignes)
    simulation = charger_population(systeme_de_base(), chemin)
    lus = simulation.calculate("produits_assurance_maladie", "2024")
    attendus = [float(t) if t else 0.0 for t in textes]
    assert lus.tolist() == attendus  # au bit près : float64 de bout en bout
    taux = taux_refus()
    penalites = [
        int((Decimal(t or "0") * taux).quantize(Decimal(1), rounding=ROUND_HALF_UP)) if d.lower() in ("1", "vrai", "oui") else 0
        for d, t in zip(drapeaux, textes)
    ]
    assert simulation.calculate("penalite_refus_signature", "2025").tolist() == penalites
    assert np.asarray(simulation.calculate("penalite_refus_signature", "2025")).dtype == np.int64


def test_decision_facultative_vide_vaut_aucune_decision(tmp_path):
    """Coefficient de révision de l'intéressement national : vide = 1 (pas de révision), pas 0 (tout retiré)."""
    chemin = ecrire(tmp_path, [f"{IDENTITE},coefficient_revision_interessement_national_2025",
                               "a,a,occitanie,mco_public,0.5", "b,b,occitanie,mco_public,", "c,c,occitanie,mco_public,0"])
    simulation = charger_population(systeme_de_base(), chemin)
    assert simulation.calculate("coefficient_revision_interessement_national", "2025").tolist() == [0.5, 1.0, 0.0]
