"""Les calculs de l'API web : montants exacts, règles de la région de la requête, réponses sans NaN.

Les attendus se calculent à partir des fichiers YAML de `parameters/` (donnees_web.valeur_parametre) :
- pénalité de refus de signature = taux × produits de l'assurance maladie de l'exercice clos,
  arrondie à l'euro (parameters/caqes/refus_signature/taux.yaml : 1 % en 2025) ;
- ciblage national « recours à l'ambulance » 2025 (seed 001, « Indicateur national : Taux de recours à
  l'ambulance » et « Proposition d'écarter du ciblage national l'ensemble des établissements privés ») :
  part de l'ambulance ≥ seuil et dépense d'ambulance ≥ seuil l'année de référence (2023), sauf
  établissement privé lucratif d'une région qui les écarte (Occitanie : exclusion_etablissements_prives).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from donnees_web import corps, situation, valeur_parametre
from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.systeme import systeme_de_base
from openfisca_caqes.web import Limites, creer_application
from openfisca_caqes.web.situation import codes_region

TRANSPORT = "caqes/organisation_soins/nationaux/transport_ambulance"


def calculer(client, document, route="/calculate"):
    reponse = client.post(route, data=corps(document), content_type="application/json")
    texte = reponse.get_data(as_text=True)
    assert reponse.mimetype == "application/json"
    return reponse.status_code, json.loads(texte, parse_constant=lambda nom: pytest.fail(f"JSON non standard : {nom}"))


def test_penalite_de_refus_a_l_euro(client):
    """1 % × 12 345 678 = 123 456,78 → 123 457 € ; la clinique signe : 0 €."""
    statut, resultat = calculer(client, situation())
    assert statut == 200, resultat
    taux = valeur_parametre("caqes/refus_signature/taux", 2025)
    assert taux == 0.01
    etablissements = resultat["etablissements"]
    assert etablissements["chu_purpan"]["penalite_refus_signature"]["2025"] == math.floor(taux * 12_345_678 + 0.5) == 123_457
    assert etablissements["clinique_pasteur"]["penalite_refus_signature"]["2025"] == 0


def situation_transport(region: str, **code_region) -> dict:
    """Une clinique privée lucrative très consommatrice d'ambulances en 2023 : 600 000 € sur 1 000 000 €."""
    document = situation()
    clinique = document["etablissements"]["clinique_pasteur"]
    clinique.update({
        "depense_transport_ambulance": {"2023": 600_000},
        "depense_transport_assis": {"2023": 400_000},
        "ciblage_transport_ambulance": {"2025": None},
        "code_region": {"ETERNITY": code_region.get("code")} if code_region else {"ETERNITY": None},
    })
    document["regions"] = {region: document["regions"]["occitanie"]}
    return document


def ciblage_attendu(region: str, prive: bool) -> bool:
    """Le ciblage 2025 d'après les YAML : seuils de l'année de référence, exclusion régionale des privés."""
    assert valeur_parametre(f"{TRANSPORT}/annee_reference_ciblage", 2025) == 2023
    national = valeur_parametre(f"{TRANSPORT}/part_ambulance_minimum", 2025) <= 600_000 / 1_000_000 and (
        valeur_parametre(f"{TRANSPORT}/depense_ambulance_minimum", 2025) <= 600_000
    )
    fichier = region if region == "occitanie" else "defaut"
    exclusion = valeur_parametre(f"{TRANSPORT}/exclusion_etablissements_prives/{fichier}", 2025)
    return national and not (prive and exclusion > 0)


@pytest.mark.parametrize("region", ["occitanie", "bretagne", "corse", "ile_de_france", "la_reunion"])
def test_les_regles_sont_celles_de_la_region_de_la_requete(client, region):
    """Issue #9 : une clinique bretonne était calculée avec les règles d'Occitanie (code_region par défaut)."""
    statut, resultat = calculer(client, situation_transport(region))
    assert statut == 200, resultat
    clinique = resultat["etablissements"]["clinique_pasteur"]
    assert clinique["code_region"]["ETERNITY"] == region
    assert clinique["ciblage_transport_ambulance"]["2025"] is ciblage_attendu(region, prive=True)
    assert ciblage_attendu("occitanie", prive=True) is False and ciblage_attendu("bretagne", prive=True) is True


def test_region_libre_avec_code_region_fourni(client):
    """Un identifiant de région libre est admis si chaque établissement porte son code_region."""
    document = situation_transport("ars_corse", code="corse")
    document["etablissements"]["chu_purpan"]["code_region"] = {"ETERNITY": "corse"}
    statut, resultat = calculer(client, document)
    assert statut == 200, resultat
    assert resultat["etablissements"]["clinique_pasteur"]["code_region"]["ETERNITY"] == "corse"
    assert resultat["etablissements"]["clinique_pasteur"]["ciblage_transport_ambulance"]["2025"] is True


def test_region_libre_sans_code_region_refusee_avec_les_codes_admis(client):
    statut, resultat = calculer(client, situation_transport("ars_corse"))
    assert statut == 400
    assert "région « ars_corse » inconnue" in resultat["error"]
    assert all(code in resultat["error"] for code in codes_region(systeme_de_base()))


def test_variable_de_region_demandee(client):
    document = situation()
    document["regions"]["occitanie"]["enveloppe_regionale"] = {"2025": 1_000_000}
    document["regions"]["occitanie"]["enveloppe_regionale_reliquat"] = {"2025": None}
    statut, resultat = calculer(client, document)
    assert statut == 200, resultat
    assert isinstance(resultat["regions"]["occitanie"]["enveloppe_regionale_reliquat"]["2025"], int)


def test_trace_de_la_penalite(client):
    statut, resultat = calculer(client, situation(), "/trace")
    assert statut == 200, resultat
    assert resultat["requestedCalculations"] == ["penalite_refus_signature<2025>"] * 2
    assert resultat["trace"]["penalite_refus_signature<2025>"]["value"] == [123_457, 0]
    assert "avertissements" not in resultat


def test_en_tetes_et_lecture_de_la_loi(client):
    reponse = client.get("/spec")
    assert reponse.status_code == 200
    assert "/calculate" in reponse.get_json()["paths"]
    assert reponse.headers["Country-Package"] == "openfisca-caqes"
    assert client.get("/variable/solde_financier").status_code == 200


def test_limite_d_etablissements_configurable():
    client = creer_application(limites=Limites(etablissements=1)).test_client()
    statut, resultat = calculer(client, situation())
    assert statut == 413
    assert "trop d'établissements (2 ; au plus 1" in resultat["error"]


class essai_non_fini(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Variable d'essai : une division par zéro quand les produits sont nuls"

    def formula(etablissement, period):
        """Produits de l'exercice rapportés à eux-mêmes : NaN pour des produits nuls."""
        produits = etablissement("produits_assurance_maladie", period.last_year)
        with np.errstate(divide="ignore", invalid="ignore"):
            return produits / produits


class essai_sans_loi(Variable):
    value_type = float
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Variable d'essai : lit un paramètre qui n'existe pas"

    def formula(etablissement, period, parameters):
        """Un paramètre absent de la loi."""
        return etablissement.empty_array() + parameters(period).caqes.parametre_inexistant


@pytest.fixture(scope="module")
def client_essai():
    systeme = systeme_de_base().clone()
    systeme.add_variable(essai_non_fini)
    systeme.add_variable(essai_sans_loi)
    return creer_application(systeme).test_client()


def test_resultat_non_fini_refuse_sans_resultat_partiel(client_essai):
    document = situation()
    document["etablissements"]["clinique_pasteur"]["produits_assurance_maladie"] = {"2024": 0}
    for etablissement in document["etablissements"].values():
        etablissement["essai_non_fini"] = {"2025": None}
    statut, resultat = calculer(client_essai, document)
    assert statut == 400
    assert resultat["error"].startswith("etablissements « clinique_pasteur », essai_non_fini (2025) : le calcul ne donne pas un nombre fini")
    assert "etablissements" not in resultat


def test_trace_non_finie_remplacee_par_null_et_signalee(client_essai):
    document = situation()
    document["etablissements"]["clinique_pasteur"]["produits_assurance_maladie"] = {"2024": 0}
    document["etablissements"]["chu_purpan"]["essai_non_fini"] = {"2025": None}
    statut, resultat = calculer(client_essai, document, "/trace")
    assert statut == 200, resultat
    assert resultat["trace"]["essai_non_fini<2025>"]["value"] == [1.0, None]
    assert resultat["avertissements"] == ["essai_non_fini<2025> : valeur non finie (NaN ou infinie) remplacée par null"]


def test_loi_absente_a_la_date_refusee(client_essai):
    document = situation()
    document["etablissements"]["chu_purpan"]["essai_sans_loi"] = {"2025": None}
    statut, resultat = calculer(client_essai, document)
    assert statut == 400
    assert "essai_sans_loi (2025) : la loi n'est pas définie à cette date" in resultat["error"]
