"""Propriété : une même population écrite en CSV large (virgule), en CSV français (« ; », virgule
décimale) et en table longue se relit aux mêmes valeurs, exactement, pour des montants non arrondis
tirés au hasard. L'attendu est la valeur tirée elle-même (pas le code sous test)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from openfisca_caqes.population import construire_simulation, lire_tableau
from openfisca_caqes.systeme import systeme_de_base

MONTANT = st.floats(min_value=0, max_value=1e10, allow_nan=False, allow_infinity=False)
TAUX = st.floats(min_value=0, max_value=1, allow_nan=False)


@settings(max_examples=25, deadline=None)
@given(montants=st.lists(MONTANT, min_size=1, max_size=6), taux=st.data())
def test_trois_ecritures_une_lecture(tmp_path_factory, montants, taux):
    dossier = tmp_path_factory.mktemp("p")
    rates = [taux.draw(TAUX) for _ in montants]
    colonnes = ["etablissement", "entite_juridique", "region", "categorie_etablissement",
                "produits_assurance_maladie_2024", "atteinte_volet_obligatoire_aapp_dispositifs_medicaux_2024"]
    lignes = [[f"e{i}", f"ej{i}", "occitanie", "mco_public", repr(m), repr(t)] for i, (m, t) in enumerate(zip(montants, rates))]
    large = dossier / "large.csv"
    large.write_text("\n".join(",".join(r) for r in [colonnes, *lignes]) + "\n", encoding="utf-8")
    francais = dossier / "francais.csv"
    francais.write_text("\n".join(";".join(c.replace(".", ",") if j >= 4 else c for j, c in enumerate(r))
                                  for r in [colonnes, *lignes]) + "\n", encoding="utf-8")
    longue = dossier / "longue.csv"
    rangs = ["etablissement,annee,variable,valeur"]
    for ligne in lignes:
        rangs += [f"{ligne[0]},,{c},{v}" for c, v in zip(colonnes[1:4], ligne[1:4])]
        rangs += [f"{ligne[0]},2024,{c[:-5]},{v}" for c, v in zip(colonnes[4:], ligne[4:])]
    longue.write_text("\n".join(rangs) + "\n", encoding="utf-8")
    systeme = systeme_de_base()
    for chemin in (large, francais, longue):
        simulation = construire_simulation(systeme, *lire_tableau(chemin))
        assert simulation.calculate("produits_assurance_maladie", "2024").tolist() == montants, chemin.name
        assert simulation.calculate("atteinte_volet_obligatoire_aapp_dispositifs_medicaux", "2024").tolist() == rates
