"""Le format du fichier de balayage : chaque erreur nomme le fichier, la clé et ce qui ne va pas (code 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openfisca_core.parameters import ParameterNode

from openfisca_caqes.balayage.specification import ErreurBalayage, lire_fichier, valider
from openfisca_caqes.cli import main
from openfisca_caqes.erreurs import ErreurUtilisateur
from openfisca_caqes.systeme import systeme_de_base

LOI = systeme_de_base().parameters


def _ecrire(dossier, donnees, nom="balayage.yaml"):
    chemin = dossier / nom
    chemin.write_text(yaml.safe_dump(donnees, allow_unicode=True), encoding="utf-8")
    return chemin


def _base(**hypotheses):
    return {"titre": "essai", "annees": [2027], "hypotheses": hypotheses or {"plafond": {"parametre": "ifep.penalite.taux_plafond", "valeurs": [0.01, 0.02]}}}


def _erreur(tmp_path, donnees, cle, fragment, racine=LOI):
    chemin = _ecrire(tmp_path, donnees)
    with pytest.raises(ErreurUtilisateur) as erreur:
        lire_fichier(chemin, racine)
    message = str(erreur.value)
    assert str(chemin) in message
    assert f"clé « {cle} »" in message
    assert fragment in message
    return message


def test_chemin_inconnu(tmp_path):
    donnees = _base(x={"parametre": "ifep.penalite.taux_plafon", "valeurs": [0.01]})
    _erreur(tmp_path, donnees, "hypotheses.x.parametre", "« taux_plafon » n'existe pas sous ifep.penalite")


def test_chemin_inconnu_a_la_racine(tmp_path):
    _erreur(tmp_path, _base(x={"parametre": "ifepp.penalite", "valeurs": [0.01]}), "hypotheses.x.parametre", "n'existe pas sous la racine")


def test_mauvais_type_texte_pour_un_nombre(tmp_path):
    _erreur(tmp_path, _base(x={"parametre": "ifep.penalite.taux_plafond", "valeurs": [0.01, "deux"]}), "hypotheses.x.valeurs", "nombre attendu, reçu 'deux'")


def test_mauvais_type_booleen_pour_un_nombre(tmp_path):
    _erreur(tmp_path, _base(x={"parametre": "ifep.penalite.taux_plafond", "valeurs": [True]}), "hypotheses.x.valeurs", "nombre attendu")


def test_mauvais_type_decimal_pour_un_entier(tmp_path):
    _erreur(tmp_path, _base(x={"parametre": "ifep.atypie.duree_periode", "valeurs": [1, 1.5]}), "hypotheses.x.valeurs", "entier")


def test_loi_continue_refusee_pour_un_entier(tmp_path):
    _erreur(tmp_path, {**_base(x={"parametre": "ifep.atypie.duree_periode", "loi": {"uniforme": [1, 3]}}), "plan": "latin", "points": 4},
            "hypotheses.x.loi", "décimal")


def _racine_booleenne():
    return ParameterNode("", data={
        "drapeau": {"description": "d", "values": {"2027-01-01": {"value": True}}},
        "taux": {"description": "t", "metadata": {"unit": "/1"}, "values": {"2027-01-01": {"value": 0.5}}},
    })


def test_booleen_refuse_un_nombre(tmp_path):
    _erreur(tmp_path, _base(x={"parametre": "drapeau", "valeurs": [0, 1]}), "hypotheses.x.valeurs", "booléen : true ou false attendu", _racine_booleenne())


def test_booleen_accepte_true_false():
    balayage = valider(_base(x={"parametre": "drapeau", "valeurs": [True, False]}), _racine_booleenne(), "f.yaml")
    assert balayage.hypotheses[0].genre == "booleen"
    assert balayage.changements({"x": False}) == {"drapeau": False}


@pytest.mark.parametrize("intervalle", [
    {"min": 0.03, "max": 0.01, "pas": 0.01},
    {"min": 0.01, "max": 0.03, "pas": 0},
    {"min": 0.01, "max": 0.03, "pas": -0.01},
])
def test_intervalle_vide(tmp_path, intervalle):
    _erreur(tmp_path, _base(x={"parametre": "ifep.penalite.taux_plafond", "intervalle": intervalle}), "hypotheses.x.intervalle", "intervalle vide")


def test_loi_vide(tmp_path):
    donnees = {**_base(x={"parametre": "ifep.penalite.taux_plafond", "loi": {"uniforme": [0.02, 0.02]}}), "plan": "latin", "points": 5}
    _erreur(tmp_path, donnees, "hypotheses.x.loi.uniforme", "intervalle vide")


def test_liste_vide(tmp_path):
    _erreur(tmp_path, _base(x={"parametre": "ifep.penalite.taux_plafond", "valeurs": []}), "hypotheses.x.valeurs", "liste non vide")


def test_taux_hors_de_zero_un(tmp_path):
    _erreur(tmp_path, _base(x={"parametre": "ifep.penalite.taux_plafond", "valeurs": [0.02, 2]}), "hypotheses.x.valeurs", "hors de [0, 1]")


def test_cle_inconnue(tmp_path):
    _erreur(tmp_path, {**_base(), "plans": "sobol"}, "plans", "clé inconnue")


def test_plan_croise_sans_loi(tmp_path):
    _erreur(tmp_path, _base(x={"parametre": "ifep.penalite.taux_plafond", "loi": {"uniforme": [0.01, 0.03]}}), "hypotheses.x.loi", "plan croisé")


def test_plan_tire_sans_points(tmp_path):
    _erreur(tmp_path, {**_base(), "plan": "sobol"}, "points", "nombre de points")


def test_meme_parametre_deux_fois(tmp_path):
    donnees = _base(a={"parametre": "ifep.penalite.part_derive", "valeurs": [0.1]}, b={"parametre": "ifep.penalite.part_derive.ipp", "valeurs": [0.2]})
    _erreur(tmp_path, donnees, "hypotheses", "deux hypothèses : ifep.penalite.part_derive.ipp")


def test_noeud_donne_toutes_ses_feuilles():
    balayage = valider(_base(part={"parametre": "ifep.penalite.part_derive", "valeurs": [0.1, 0.4]}), LOI, "f.yaml")
    feuilles = balayage.hypotheses[0].feuilles
    attendues = {f"ifep.penalite.part_derive.{nom}" for nom, valeur in yaml.safe_load(Path("parameters/ifep/penalite/part_derive.yaml").read_text(encoding="utf-8")).items() if isinstance(valeur, dict) and "values" in valeur}
    assert set(feuilles) == attendues and len(attendues) == 5
    assert balayage.changements({"part": 0.4}) == dict.fromkeys(attendues, 0.4)
    assert balayage.hypotheses[0].reference is None  # 0,2 et 0,3 : pas de valeur commune


def test_intervalle_par_pas():
    balayage = valider(_base(x={"parametre": "ifep.penalite.taux_plafond", "intervalle": {"min": 0.01, "max": 0.03, "pas": 0.005}}), LOI, "f.yaml")
    assert balayage.hypotheses[0].valeurs == (0.01, 0.015, 0.02, 0.025, 0.03)


def test_cli_erreur_code_2_sans_sortie(tmp_path, capsys):
    chemin = _ecrire(tmp_path, _base(x={"parametre": "ifep.nexiste.pas", "valeurs": [0.01]}))
    sortie = tmp_path / "r.parquet"
    assert main(["balayage", str(chemin), "--workers", "0", "--output", str(sortie)]) == 2
    erreur = capsys.readouterr().err
    assert erreur.startswith("caqes : erreur : ") and str(chemin) in erreur and "hypotheses.x.parametre" in erreur
    assert "Traceback" not in erreur
    assert not sortie.exists()


def test_cli_fichier_illisible(tmp_path, capsys):
    chemin = tmp_path / "b.yaml"
    chemin.write_text("hypotheses: [", encoding="utf-8")
    assert main(["sweep", str(chemin), "--workers", "0"]) == 2
    assert "YAML illisible" in capsys.readouterr().err


def test_erreur_balayage_est_une_erreur_utilisateur():
    assert issubclass(ErreurBalayage, ErreurUtilisateur)


def test_cli_options_sans_fichier(tmp_path, capsys):
    sortie = tmp_path / "r.csv"
    code = main(["sweep", "--year", "2027", "--workers", "0", "--parametre", "ifep.penalite.taux_plafond=0.01,0.03",
                 "--parametre", "ifep.atypie.seuil_ecart_niveau=0.2:0.4:0.2", "--output", str(sortie)])
    assert code == 0, capsys.readouterr().err
    import pandas as pd

    tableau = pd.read_csv(sortie)
    # 1 référence + 2 + 2 bornes + 2 × 2 croisés = 9 points
    assert tableau["point"].nunique() == 9
    assert set(tableau["ifep_atypie_seuil_ecart_niveau"].dropna()) == {0.2, 0.4}


@pytest.mark.parametrize("option, fragment", [
    ("ifep.penalite.taux_plafond", "attendu CHEMIN=VALEURS"),
    ("ifep.penalite.taux_plafond=a,b", "valeurs illisibles"),
    ("ifep.penalite.taux_plafonds=0.1", "« taux_plafonds » n'existe pas"),
])
def test_cli_options_erronees(option, fragment, capsys):
    assert main(["sweep", "--year", "2027", "--workers", "0", "--parametre", option]) == 2
    erreur = capsys.readouterr().err
    assert fragment in erreur and "Traceback" not in erreur


def test_balayage_livre_par_son_nom():
    from openfisca_caqes.balayage.specification import chemin_balayage

    balayage = lire_fichier("ifep_trois_hypotheses", systeme_de_base().parameters)
    assert chemin_balayage("ifep_trois_hypotheses").name == "ifep_trois_hypotheses.yaml"
    assert [h.nom for h in balayage.hypotheses] == ["plafond", "part_derive", "seuil_atypie"] and balayage.points == 50


def test_scenario_de_base_inconnu(tmp_path, capsys):
    chemin = _ecrire(tmp_path, {**_base(), "scenario": "introuvable"})
    assert main(["balayage", str(chemin), "--workers", "0"]) == 2
    erreur = capsys.readouterr().err
    assert str(chemin) in erreur and "clé « scenario »" in erreur and "introuvable" in erreur
