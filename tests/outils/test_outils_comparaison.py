"""La comparaison des régimes : écarts, bandes, champ, décalage des années, totaux exacts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from donnees_outils import loi_essai, population_essai
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_caqes.cli import ErreurUtilisateur
from openfisca_caqes.comparaison import (
    ORDRE_BANDES,
    Colonne,
    Comparaison,
    Evaluation,
    bandes,
    comparer,
    decaler_annees,
    lire_regimes,
    lire_scenario,
)

RAPIDE = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _comparer(tableau, colonnes, reference, **options):
    loi = loi_essai()
    return comparer(tableau, [(colonne, loi) for colonne in colonnes], reference, supplementaires=(), **options)


# ----- Propriété : un régime comparé à lui-même ne change rien -----------------------------------


@RAPIDE
@given(
    annee=st.sampled_from([2019, 2020, 2022, 2024, 2025, 2026, 2027]),
    n=st.integers(min_value=1, max_value=15),
    graine=st.integers(min_value=0, max_value=10_000),
    annee_donnees=st.one_of(st.none(), st.integers(min_value=2019, max_value=2027)),
)
def test_un_regime_compare_a_lui_meme_ne_donne_aucun_ecart(annee, n, graine, annee_donnees):
    decalage = 0 if annee_donnees is None else annee - annee_donnees
    comparaison = _comparer(
        population_essai(n, graine),
        [Colonne("A", annee, None, decalage), Colonne("B", annee, None, decalage)],
        "A",
    )
    detail = comparaison.detail
    assert (detail[["ecart_interessement", "ecart_penalite", "ecart_solde"]] == 0).all().all()
    assert set(detail["bande"]) == {"aucun"}
    assert set(detail["mouvement_champ"]) <= {"reste", "hors"}
    totaux = comparaison.totaux()
    assert (totaux["ecart_solde"] == 0).all()
    assert totaux.loc[0, ["interessement", "penalite", "solde"]].tolist() == totaux.loc[1, ["interessement", "penalite", "solde"]].tolist()
    bandes_b = comparaison.gagnants_perdants()
    assert bandes_b.loc[bandes_b["Bande"] == "Aucun changement", "Établissements"].sum() == n


@RAPIDE
@given(decalage=st.integers(min_value=-12, max_value=12))
def test_decaler_puis_decaler_en_sens_inverse_rend_le_tableau(decalage):
    tableau = population_essai(3)
    aller_retour = decaler_annees(decaler_annees(tableau, decalage, loi_essai()), -decalage, loi_essai())
    pd.testing.assert_frame_equal(aller_retour, tableau)


def test_le_decalage_ne_touche_que_les_colonnes_annuelles():
    tableau = population_essai(2)
    decale = decaler_annees(tableau, 3, loi_essai())
    assert list(decale.columns[:5]) == ["etablissement", "entite_juridique", "region", "categorie_etablissement", "statut_juridique"]
    # la donnée de 2022 devient celle de 2025 : la loi de 2025 lit les données de 2022
    np.testing.assert_array_equal(decale["interessement_national_2025"], tableau["interessement_national_2022"])
    assert "produits_assurance_maladie_2030" in decale.columns


# ----- Cas calculés à la main ---------------------------------------------------------------------


def _une_ligne(**annuelles) -> pd.DataFrame:
    colonnes = {
        "etablissement": ["A"], "entite_juridique": ["EJ"], "region": ["occitanie"],
        "categorie_etablissement": ["mco_public"],
    }
    colonnes.update({nom: [valeur] for nom, valeur in annuelles.items()})
    return pd.DataFrame(colonnes)


def test_la_loi_de_2022_sur_les_donnees_de_2025():
    """Régime 2022 (évalué en 2022) sur les données de 2025 : décalage de 2022 − 2025 = −3 ans.

    Intéressement national lu en 2022 (loi) = colonne 2025 du fichier = 40 000 € ; enveloppe
    régionale 2022 (loi) = colonne 2025 = 1 000 000 €, intéressement régional 2025 = 25 000 €,
    versé en entier (25 000 ≤ 1 000 000) ; intéressements = 40 000 + 25 000 = 65 000 €. Refus de
    signer en 2022 (loi) = colonne 2025 : oui ; pénalité = 1 % des produits 2021 (loi) = colonne
    2024 = 1 % × 30 000 000 = 300 000 €. Solde = 65 000 − 300 000 = −235 000 €. Les colonnes 2022
    du fichier (1 € et 2 €, pas de refus) ne sont pas lues.
    """
    tableau = _une_ligne(
        interessement_national_2022=1, interessement_regional_2022=2, enveloppe_regionale_2022=10,
        produits_assurance_maladie_2021=99_000_000, refus_signature_2022=0,
        interessement_national_2025=40_000, interessement_regional_2025=25_000,
        enveloppe_regionale_2025=1_000_000, produits_assurance_maladie_2024=30_000_000, refus_signature_2025=1,
    )
    comparaison = _comparer(tableau, [Colonne("2022", 2022, None, 2022 - 2025)], "2022")
    resultat = comparaison.detail.iloc[0]
    assert resultat["interessement"] == 65_000
    assert resultat["penalite"] == 300_000
    assert resultat["solde"] == -235_000
    assert resultat["produits_reference"] == 30_000_000
    lues = comparaison.donnees_lues()
    produits = lues[lues["Variable"] == "produits_assurance_maladie"].iloc[0]
    assert (produits["Années (loi)"], produits["Années (fichier)"]) == ("2021", "2024")


def test_ecarts_bandes_et_champ_a_la_main():
    """Référence 2022, comparé 2027, quatre établissements (produits AM 2026 de 10 000 000 € ; seuil 0,1 % = 10 000 €).

    A : 2022 solde 50 000 (national), 2027 dotation 60 001 → écart +10 001 > 10 000 : gain fort.
    B : 2022 solde 10 000, 2027 10 000 → écart 0 : aucun changement.
    C : 2022 solde 0 (hors champ), 2027 pénalité 10 000 → écart −10 000 = −0,1 % : perte faible (≥ −seuil).
    D : 2022 solde 20 000, 2027 0 (hors champ IFEP) → écart −20 000 : perte forte.
    Champ : A reste, B reste, C entre, D sort.
    """
    ids = ["A", "B", "C", "D"]
    tableau = pd.DataFrame({
        "etablissement": ids, "entite_juridique": ids, "region": "occitanie",
        "categorie_etablissement": ["mco_public", "mco_prive", "had", "ssr_prive"],
        "interessement_national_2022": [50_000, 10_000, 0, 20_000],
        "nombre_indicateurs_nationaux_cibles_2022": [1, 2, 0, 1],
        "ifep_dotation_complementaire_2027": [60_001, 10_000, 0, 0],
        "ifep_penalite_2027": [0, 0, 10_000, 0],
        "ifep_dans_champ_2027": [1, 1, 1, 0],
        "produits_assurance_maladie_2026": [10_000_000] * 4,
        "produits_assurance_maladie_2021": [10_000_000] * 4,
    })
    comparaison = _comparer(tableau, [Colonne("2022", 2022), Colonne("2027", 2027)], "2022")
    compare = comparaison.detail[comparaison.detail["colonne"] == "2027"]
    assert compare["ecart_solde"].tolist() == [10_001, 0, -10_000, -20_000]
    assert compare["bande"].tolist() == ["gain_fort", "aucun", "perte_faible", "perte_forte"]
    assert compare["mouvement_champ"].tolist() == ["reste", "reste", "entre", "sort"]
    mouvements = comparaison.mouvements_champ().iloc[0]
    assert (mouvements["Entre dans le champ"], mouvements["Sort du champ"], mouvements["Reste dans le champ"]) == (1, 1, 2)
    totaux = comparaison.totaux().set_index("colonne")
    assert totaux.loc["2022", "solde"] == 80_000 and totaux.loc["2027", "solde"] == 60_001
    assert totaux.loc["2027", "ecart_solde"] == -19_999
    assert totaux.loc["2022", "dans_champ"] == 3 and totaux.loc["2027", "dans_champ"] == 3


def test_bandes_aux_bords():
    """Seuil 0,1 % de 1 000 000 € = 1 000 € : 1 000 € est un petit gain (≤), 1 001 € un grand."""
    ecart = np.array([0, 1, 1_000, 1_001, -1, -1_000, -1_001, 5, 0])
    produits = np.array([1e6] * 7 + [0, 0])
    assert bandes(ecart, produits, 0.001).tolist() == [
        "aucun", "gain_faible", "gain_faible", "gain_fort", "perte_faible", "perte_faible", "perte_forte",
        "non_mesurable", "aucun",
    ]


def test_totaux_exacts_en_int64_au_dela_de_int32():
    """Trois établissements à 2 000 000 000 € d'intéressement national : 6 000 000 000 €, exact
    (au-delà de 2^31 ≈ 2,1 milliards ; en float32 la somme serait fausse de centaines d'euros)."""
    ids = ["A", "B", "C"]
    tableau = pd.DataFrame({
        "etablissement": ids, "entite_juridique": ids, "region": "occitanie",
        "categorie_etablissement": "mco_public",
        "interessement_national_2023": [2_000_000_000, 2_000_000_000, 2_000_000_001],
    })
    comparaison = _comparer(tableau, [Colonne("2023", 2023)], "2023")
    totaux = comparaison.totaux()
    assert totaux["interessement"].dtype == np.int64
    assert int(totaux.loc[0, "interessement"]) == 6_000_000_001
    categories = comparaison.agregats_lisibles("categorie")
    assert int(categories["Solde 2023 (€)"].iloc[0]) == 6_000_000_001


def test_comparaison_de_resultats_donnes():
    """La comparaison seule (sans loi) : deux colonnes écrites à la main."""
    identite = pd.DataFrame({"etablissement": ["A", "B"], "entite_juridique": ["A", "B"],
                             "region": ["occitanie", "bretagne"], "categorie": ["had", "had"]})

    def evaluation(libelle, solde, champ):
        valeurs = pd.DataFrame({"interessement": np.maximum(solde, 0), "penalite": np.maximum(-np.array(solde), 0),
                                "solde": solde, "produits_reference": [1e6, 1e6], "dans_champ": champ})
        return Evaluation(Colonne(libelle, 2025), valeurs, "champ")

    comparaison = Comparaison(identite, [evaluation("x", [100, -50], [True, False]),
                                         evaluation("y", [2_100, -50], [True, True])], "x")
    y = comparaison.detail[comparaison.detail["colonne"] == "y"]
    assert y["ecart_solde"].tolist() == [2_000, 0]
    assert y["bande"].tolist() == ["gain_fort", "aucun"]
    assert y["mouvement_champ"].tolist() == ["reste", "entre"]
    regions = comparaison.totaux("region").set_index(["colonne", "region"])
    assert regions.loc[("y", "bretagne"), "solde"] == -50
    bandes_y = comparaison.gagnants_perdants()
    assert list(bandes_y["Bande"][:len(ORDRE_BANDES)]) == [comparaison.libelles_bandes[b] for b in ORDRE_BANDES]


# ----- Lecture des options -----------------------------------------------------------------------


def test_lire_regimes():
    assert lire_regimes("2018,2022,2025,2027") == [("2018", 2019), ("2022", 2022), ("2025", 2025), ("2027", 2027)]
    assert lire_regimes("2018=2021, 2026") == [("2018", 2021), ("2026", 2026)]
    for mauvais in ("2018,2018", "abc", "", "2018=19"):
        with pytest.raises(ErreurUtilisateur):
            lire_regimes(mauvais)


def test_lire_scenario():
    assert lire_scenario("central", 2027) == ("central", 2027)
    assert lire_scenario("mon@fichier.yaml@2028", 2027) == ("mon@fichier.yaml", 2028)
    with pytest.raises(ErreurUtilisateur):
        lire_scenario("central@deux", 2027)
