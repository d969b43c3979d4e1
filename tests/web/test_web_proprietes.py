"""Propriétés de l'API web, sur des entrées tirées au hasard (hypothesis), non arrondies.

- Un montant est accepté si et seulement s'il est dans [0, 1e11] € (plafond de vraisemblance,
  docs/api_web.md) ; accepté, la pénalité de refus vaut taux × montant arrondi à l'euro, le taux
  lu dans parameters/caqes/refus_signature/taux.yaml ; refusé, le message nomme variable et valeur.
- Toute région connue est celle dont les règles s'appliquent : `code_region` rendu = région demandée,
  et le ciblage « ambulance » d'une clinique privée suit l'exclusion régionale lue dans les YAML.
- Aucune réponse n'est un 5xx ni ne contient NaN, quel que soit le nombre tiré (±inf, très grands).
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

from donnees_web import PARAMETRES, PLAFOND_MONTANT, corps, situation, valeur_parametre
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REGLAGES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TRANSPORT = "caqes/organisation_soins/nationaux/transport_ambulance"
CODES = [  # l'énumération Region de variables/etablissement/identite.py
    "auvergne_rhone_alpes", "bourgogne_franche_comte", "bretagne", "centre_val_de_loire", "corse", "grand_est",
    "hauts_de_france", "ile_de_france", "normandie", "nouvelle_aquitaine", "occitanie", "pays_de_la_loire",
    "provence_alpes_cote_d_azur", "guadeloupe", "martinique", "guyane", "la_reunion", "mayotte",
]


def poster(client, document):
    reponse = client.post("/calculate", data=corps(document), content_type="application/json")
    assert reponse.status_code < 500, reponse.get_data(as_text=True)
    texte = reponse.get_data(as_text=True)
    return reponse.status_code, json.loads(texte, parse_constant=lambda nom: (_ for _ in ()).throw(AssertionError(nom)))


def arrondi_attendu(taux: float, montant: float) -> tuple[int, bool]:
    """L'arrondi exact (décimal) à l'euro, demi-euro vers le haut ; et si le produit frôle un demi-euro."""
    exact = Decimal(str(taux)) * Decimal(montant)
    arrondi = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return arrondi, abs(exact - exact.to_integral_value() - Decimal("0.5")) < Decimal("1e-6") or abs(
        exact - exact.to_integral_value() + Decimal("0.5")) < Decimal("1e-6")


montants = st.one_of(
    st.floats(min_value=-2 * PLAFOND_MONTANT, max_value=2 * PLAFOND_MONTANT, allow_nan=False),
    st.sampled_from([0.0, PLAFOND_MONTANT, PLAFOND_MONTANT + 1, -0.01, 0.005, 49.99, 50.0, 150.0]),
    st.integers(min_value=-10**13, max_value=10**13),
)


@REGLAGES
@given(montants)
def test_montant_accepte_si_et_seulement_si_dans_les_bornes(client, montant):
    document = situation()
    document["etablissements"]["chu_purpan"]["produits_assurance_maladie"] = {"2024": montant}
    statut, resultat = poster(client, document)
    if 0 <= montant <= PLAFOND_MONTANT:
        assert statut == 200, resultat
        attendu, limite = arrondi_attendu(valeur_parametre("caqes/refus_signature/taux", 2025), montant)
        obtenu = resultat["etablissements"]["chu_purpan"]["penalite_refus_signature"]["2025"]
        assert isinstance(obtenu, int)
        assert obtenu == attendu or (limite and abs(obtenu - attendu) == 1), (montant, obtenu, attendu)
    else:
        assert statut == 400
        assert "produits_assurance_maladie (2024)" in resultat["error"]
        assert f"({montant})" in resultat["error"]


@REGLAGES
@given(st.sampled_from(CODES), st.sampled_from(["public", "espic", "prive_lucratif"]),
       st.floats(min_value=0, max_value=5e6), st.floats(min_value=0, max_value=5e6))
def test_les_regles_de_la_region_demandee(client, region, statut_juridique, ambulance, assis):
    document = situation()
    clinique = document["etablissements"]["clinique_pasteur"]
    clinique.update({
        "statut_juridique": {"ETERNITY": statut_juridique},
        "depense_transport_ambulance": {"2023": ambulance},
        "depense_transport_assis": {"2023": assis},
        "ciblage_transport_ambulance": {"2025": None},
        "code_region": {"ETERNITY": None},
    })
    document["regions"] = {region: document["regions"]["occitanie"]}
    statut, resultat = poster(client, document)
    assert statut == 200, resultat
    obtenu = resultat["etablissements"]["clinique_pasteur"]
    assert obtenu["code_region"]["ETERNITY"] == region
    total = ambulance + assis
    part = ambulance / total if total > 0 else 0.0
    national = part >= valeur_parametre(f"{TRANSPORT}/part_ambulance_minimum", 2025) and (
        ambulance >= valeur_parametre(f"{TRANSPORT}/depense_ambulance_minimum", 2025))
    fichier = PARAMETRES / f"{TRANSPORT}/exclusion_etablissements_prives/{region}.yaml"
    exclusion = valeur_parametre(f"{TRANSPORT}/exclusion_etablissements_prives/{region if fichier.exists() else 'defaut'}", 2025)
    attendu = national and not (statut_juridique == "prive_lucratif" and exclusion > 0)
    assert obtenu["ciblage_transport_ambulance"]["2025"] is attendu


@REGLAGES
@given(st.one_of(st.floats(), st.integers(), st.text(max_size=5), st.booleans(), st.none(),
                 st.lists(st.integers(), max_size=3)))
def test_aucune_valeur_ne_produit_un_5xx_ni_un_nan(client, valeur):
    document = situation()
    document["etablissements"]["chu_purpan"]["atteinte_volet_obligatoire_achat_generiques"] = {"2024": valeur}
    texte = json.dumps(document, allow_nan=True).encode()  # NaN et Infinity envoyés tels quels
    reponse = client.post("/calculate", data=texte, content_type="application/json")
    assert reponse.status_code in (200, 400), reponse.get_data(as_text=True)
    json.loads(reponse.get_data(as_text=True), parse_constant=lambda nom: (_ for _ in ()).throw(AssertionError(nom)))


json_quelconque = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-10**20, max_value=10**20) | st.floats() | st.text(max_size=8)
    | st.sampled_from(["2025", "ETERNITY", "occitanie", "chu_purpan", "mco_public", "2025-01", "penalite_refus_signature"]),
    lambda enfants: st.lists(enfants, max_size=3) | st.dictionaries(
        st.text(max_size=6) | st.sampled_from(["2024", "2025", "etablissements", "regions", "code_region", "chu_purpan"]),
        enfants, max_size=3),
    max_leaves=8,
)


def chemins(noeud, prefixe=()):
    """Tous les chemins (clés successives) d'un document JSON, le document lui-même compris."""
    yield prefixe
    if isinstance(noeud, dict):
        for cle, enfant in noeud.items():
            yield from chemins(enfant, (*prefixe, cle))
    elif isinstance(noeud, list):
        for i, enfant in enumerate(noeud):
            yield from chemins(enfant, (*prefixe, i))


CHEMINS = list(chemins(situation()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(CHEMINS), json_quelconque, st.sampled_from(["/calculate", "/trace"]))
def test_situation_mutee_jamais_de_5xx(client, chemin, remplacement, route):
    """Un endroit quelconque de la situation remplacé par un JSON quelconque : 200 ou 4xx JSON, jamais 5xx."""
    document = situation()
    if chemin:
        noeud = document
        for cle in chemin[:-1]:
            noeud = noeud[cle]
        noeud[chemin[-1]] = remplacement
    else:
        document = remplacement
    texte = json.dumps(document, allow_nan=True).encode()
    reponse = client.post(route, data=texte, content_type="application/json")
    assert reponse.status_code < 500, (chemin, remplacement, reponse.get_data(as_text=True)[:300])
    resultat = json.loads(reponse.get_data(as_text=True), parse_constant=lambda nom: (_ for _ in ()).throw(AssertionError(nom)))
    assert reponse.status_code == 200 or isinstance(resultat["error"], str)
