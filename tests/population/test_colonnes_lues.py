"""`caqes compare` ne lit d'un fichier que les colonnes que la question lit (`besoins.colonnes_lues`) : mêmes
montants que la lecture entière, décisions facultatives et surcharges toujours lues, colonne inconnue toujours
refusée, et, si l'élagage a trop retiré, le fichier relu en entier plutôt qu'un refus à tort."""

from __future__ import annotations

import pandas as pd
import pytest

from openfisca_caqes import cli, preparation_comparaison
from openfisca_caqes.population import besoins
from openfisca_caqes.population.besoins import ColonnesLues, colonnes_lues
from openfisca_caqes.population.defaut import chemin_population_defaut
from openfisca_caqes.population.lecture import lire_tableau
from openfisca_caqes.systeme import systeme_de_base


def _arguments(*options):
    return cli.analyseur().parse_args(["compare", *options])


def _questions(arguments):
    colonnes, _ = preparation_comparaison.preparer_colonnes(arguments)
    return preparation_comparaison.questions(arguments, colonnes)


@pytest.fixture(scope="module")
def embarquee():
    return lire_tableau(chemin_population_defaut())[0]


def test_moins_de_colonnes_memes_montants(embarquee):
    arguments = _arguments()
    lues = colonnes_lues(_questions(arguments))
    elague, _ = lire_tableau(chemin_population_defaut(), colonnes=lues)
    assert 4 < elague.shape[1] < embarquee.shape[1] // 2  # la population embarquée a ~1 450 colonnes
    partielle, _, _ = preparation_comparaison.calculer(arguments, seulement_lues=True)
    entiere, _, _ = preparation_comparaison.calculer(arguments)
    pd.testing.assert_frame_equal(partielle.detail, entiere.detail)


def test_facultatives_surcharges_et_inconnues_gardees():
    systeme = systeme_de_base()
    lues = ColonnesLues(systeme, ["depense_perfadom_diffuseurs_2023"])
    assert "depense_perfadom_diffuseurs_2023" in lues and "etablissement" in lues and "categorie_etablissement" in lues
    assert "montant_potentiel_conciliation_2025" in lues  # décision facultative : change le résultat si présente
    assert "ciblage_aapp_mpi_2025" in lues  # surcharge d'une règle de ciblage par l'ARS
    assert "colonne_inventee_2025" in lues  # inconnue : lue pour être refusée, comme sans élagage
    assert "depense_perfadom_diffuseurs_2016" not in lues  # une donnée d'entrée qu'aucune question ne lit


def test_potentiel_saisi_lu_et_applique(tmp_path, embarquee):
    """Un potentiel saisi (décision facultative) n'est pas réclamé par le calcul à blanc, mais il est lu et il compte."""
    avec = embarquee.copy()
    avec["montant_potentiel_conciliation_2025"] = 40_000.5
    chemin = tmp_path / "avec.csv"
    avec.to_csv(chemin, index=False)
    sans, _, _ = preparation_comparaison.calculer(_arguments("--regimes", "2025"), seulement_lues=True)
    saisie, _, _ = preparation_comparaison.calculer(_arguments("--regimes", "2025", "--population", str(chemin)),
                                                      seulement_lues=True)
    assert not saisie.detail["interessement"].equals(sans.detail["interessement"])


def test_elagage_trop_fort_relu_en_entier(monkeypatch):
    """Si le calcul à blanc de la population embarquée ne voit pas une colonne que lit le fichier, le fichier est
    relu en entier : le résultat est celui de la lecture entière, sans refus."""
    trop_peu = ColonnesLues(systeme_de_base(), [])
    relectures = []
    lire = preparation_comparaison.lire_tableau

    def compter(*args, **kwargs):
        relectures.append(kwargs.get("colonnes"))
        return lire(*args, **kwargs)

    monkeypatch.setattr(preparation_comparaison, "colonnes_lues", lambda questions: trop_peu)
    monkeypatch.setattr(preparation_comparaison, "lire_tableau", compter)
    arguments = _arguments("--regimes", "2022,2025")
    partielle, tableau, _ = preparation_comparaison.calculer(arguments, seulement_lues=True)
    assert relectures == [trop_peu, None]
    monkeypatch.setattr(preparation_comparaison, "lire_tableau", lire)
    entiere, _, _ = preparation_comparaison.calculer(arguments)
    pd.testing.assert_frame_equal(partielle.detail, entiere.detail)


def test_colonne_absente_refusee_comme_sans_elagage(tmp_path, embarquee, capsys):
    """Une colonne lue et absente du fichier : le même refus, nommant la même colonne, avec ou sans élagage."""
    chemin = tmp_path / "sans.csv"
    embarquee.drop(columns=["produits_assurance_maladie_2024"]).to_csv(chemin, index=False)
    assert cli.main(["compare", "--population", str(chemin), "--regimes", "2025"]) == 2
    erreur = capsys.readouterr().err
    assert "produits_assurance_maladie_2024" in erreur and "absente" in erreur


def test_calcul_a_blanc_impossible_lecture_entiere(monkeypatch):
    """Le calcul à blanc échoue sur la population embarquée : pas d'élagage (None), la vérification habituelle parle."""
    def echouer(*args, **kwargs):
        raise besoins.ErreurUtilisateur("loi sans règle")

    monkeypatch.setattr(besoins, "besoins_par_question", echouer)
    assert colonnes_lues(_questions(_arguments())) is None


def test_annees_de_caisse_lues_et_verifiees(tmp_path, embarquee):
    """`compare --annee-caisse` sur un tableau élagué : la vue par année de caisse est celle du fichier entier (les
    colonnes que lisent les années payées sont gardées), et une colonne qu'elles lisent est exigée."""
    from openfisca_caqes.caisse import vue_caisse

    sortie = tmp_path / "c.xlsx"
    assert cli.main(["compare", "--annee-caisse", "2027", "2028", "--output", str(sortie)]) == 0
    lue = pd.read_excel(sortie, sheet_name="Années de caisse")
    attendue = vue_caisse(embarquee, "embarquée", [2027, 2028], systeme_de_base())
    assert lue["Solde payé par la région (€)"].tolist() == attendue["Solde payé par la région (€)"].tolist()
    assert lue["Région"].tolist() == attendue["Région"].tolist()
    questions = _questions(_arguments("--regimes", "2025", "--annee-caisse", "2028"))
    assert {q.libelle for q in questions} == {"2025", "caisse 2028"}
