"""Des requêtes mal formées à /calculate et /trace : chacune reçoit un 4xx JSON qui dit en français
ce qui ne va pas (variable, valeur, période, établissement), jamais un 5xx ni une trace Python.

Origine : issue #9 (« No silent money ») — texte brut, liste à la place d'un nombre, JSON très
imbriqué, corps de 50 Mo, NaN, montant négatif, région inconnue calculée avec les règles d'Occitanie.
"""

from __future__ import annotations

import json

import pytest
from donnees_web import corps, situation

JSON = "application/json"
CHU = ("etablissements", "chu_purpan")


def modifiee(modification):
    """Une fabrique de corps : la situation de référence, modifiée."""

    def fabrique():
        document = situation()
        modification(document)
        return corps(document)

    return fabrique


def poser(chemin, valeur):
    """Modification : `document[chemin…] = valeur`."""

    def modification(document):
        noeud = document
        for cle in chemin[:-1]:
            noeud = noeud[cle]
        noeud[chemin[-1]] = valeur

    return modification


def retirer(*chemin):
    def modification(document):
        noeud = document
        for cle in chemin[:-1]:
            noeud = noeud[cle]
        del noeud[chemin[-1]]

    return modification


def valeur(variable, periode, v):
    return modifiee(poser((*CHU, variable), {periode: v}))


def brut(texte):
    return lambda: texte.encode("utf-8") if isinstance(texte, str) else texte


def imbrique(profondeur):
    return brut("[" * profondeur + "]" * profondeur)


def trop_de_valeurs():
    document = situation()
    document["regions"]["occitanie"]["etablissements"] = ["chu_purpan"] * 250_000
    return corps(document)


def trop_d_etablissements():
    etablissements = {f"e{i}": {"categorie_etablissement": {"ETERNITY": "mco_public"}} for i in range(2_001)}
    return corps({"etablissements": etablissements, "regions": {"occitanie": {"etablissements": list(etablissements)}}})


# (identifiant, fabrique du corps, type de contenu, route, statut attendu, fragment du message)
CAS = [
    # Forme de la requête
    ("texte_brut", modifiee(lambda d: None), "text/plain", "/calculate", 415, "envoyez du JSON"),
    ("sans_type", modifiee(lambda d: None), None, "/calculate", 415, "envoyez du JSON"),
    ("formulaire", brut("a=1&b=2"), "application/x-www-form-urlencoded", "/calculate", 415, "envoyez du JSON"),
    ("corps_vide", brut(""), JSON, "/calculate", 400, "vide"),
    ("corps_blanc", brut("  \n "), JSON, "/calculate", 400, "vide"),
    ("json_tronque", brut('{"etablissements": {'), JSON, "/calculate", 400, "JSON invalide"),
    ("json_suivi_de_dechets", brut("{} x"), JSON, "/calculate", 400, "JSON invalide"),
    ("apostrophes", brut("{'etablissements': {}}"), JSON, "/calculate", 400, "JSON invalide"),
    ("nan_litteral", brut('{"etablissements": {"a": {"produits_assurance_maladie": {"2024": NaN}}}}'), JSON, "/calculate", 400, "NaN"),
    ("infinity_litteral", brut('{"etablissements": {"a": {"produits_assurance_maladie": {"2024": Infinity}}}}'), JSON, "/calculate", 400, "Infinity"),
    ("moins_infinity", brut('{"etablissements": {"a": {"produits_assurance_maladie": {"2024": -Infinity}}}}'), JSON, "/calculate", 400, "Infinity"),
    ("exposant_infini", lambda: corps(situation()).replace(b"12345678", b"1e400"), JSON, "/calculate", 400, "nombre fini"),
    ("octets_non_utf8", brut(b'{"etablissements": "\xff\xfe"}'), JSON, "/calculate", 400, "UTF-8"),
    ("utf16", lambda: json.dumps(situation()).encode("utf-16"), JSON, "/calculate", 400, "UTF-8"),
    ("latin1", lambda: '{"établissements": {}}'.encode("latin-1"), "application/json; charset=latin-1", "/calculate", 400, "UTF-8"),
    ("bom_utf8", lambda: b"\xef\xbb\xbf" + corps(situation()), JSON, "/calculate", 400, "JSON invalide"),
    ("imbrication_100000", imbrique(100_000), JSON, "/calculate", 400, "imbriqué"),
    ("imbrication_50", imbrique(50), JSON, "/calculate", 400, "imbriqué"),
    ("imbrication_dans_une_valeur", valeur("produits_assurance_maladie", "2024", [[[[[[1]]]]]]), JSON, "/calculate", 400, "imbriqué"),
    ("corps_50_mo", lambda: b"[" + b"0," * (25 * 2**20) + b"0]", JSON, "/calculate", 413, "trop gros"),
    ("entier_geant", lambda: corps(situation()).replace(b"12345678", b"9" * 5000), JSON, "/calculate", 400, "JSON invalide"),
    ("cle_en_double", lambda: corps(situation()).replace(b'"refus_signature": {"2025": true}', b'"refus_signature": {"2025": true, "2025": false}'), JSON, "/calculate", 400, "en double"),
    ("trop_de_valeurs", trop_de_valeurs, JSON, "/calculate", 413, "trop de valeurs"),
    ("trop_d_etablissements", trop_d_etablissements, JSON, "/calculate", 413, "trop d'établissements"),
    # Structure de la situation
    ("liste_au_sommet", brut("[]"), JSON, "/calculate", 400, "objet JSON non vide"),
    ("texte_au_sommet", brut('"situation"'), JSON, "/calculate", 400, "objet JSON non vide"),
    ("nombre_au_sommet", brut("3"), JSON, "/calculate", 400, "objet JSON non vide"),
    ("null_au_sommet", brut("null"), JSON, "/calculate", 400, "objet JSON non vide"),
    ("objet_vide", brut("{}"), JSON, "/calculate", 400, "objet JSON non vide"),
    ("entite_inconnue", modifiee(poser(("hopitaux",), {})), JSON, "/calculate", 400, "entité inconnue « hopitaux »"),
    ("entite_au_singulier", modifiee(poser(("etablissement",), {})), JSON, "/calculate", 400, "vouliez-vous dire : etablissements"),
    ("etablissements_en_liste", modifiee(poser(("etablissements",), ["chu_purpan"])), JSON, "/calculate", 400, "doit être un objet"),
    ("etablissements_vides", modifiee(poser(("etablissements",), {})), JSON, "/calculate", 400, "aucun établissement"),
    ("sans_etablissements", modifiee(retirer("etablissements")), JSON, "/calculate", 400, "aucun établissement"),
    ("description_liste", modifiee(poser(CHU, [])), JSON, "/calculate", 400, "« chu_purpan » : objet"),
    ("description_null", modifiee(poser(CHU, None)), JSON, "/calculate", 400, "« chu_purpan » : objet"),
    ("description_nombre", modifiee(poser(CHU, 7)), JSON, "/calculate", 400, "« chu_purpan » : objet"),
    ("variable_inconnue", valeur("chiffre_d_affaires", "2024", 1), JSON, "/calculate", 400, "variable inconnue « chiffre_d_affaires »"),
    ("variable_mal_orthographiee", valeur("produits_assurance_maladi", "2024", 1), JSON, "/calculate", 400, "vouliez-vous dire : produits_assurance_maladie"),
    ("valeur_sans_periode", modifiee(poser((*CHU, "produits_assurance_maladie"), 12_345_678)), JSON, "/calculate", 400, "{période: valeur}"),
    ("periodes_en_liste", modifiee(poser((*CHU, "produits_assurance_maladie"), [2024, 1])), JSON, "/calculate", 400, "{période: valeur}"),
    ("periodes_vides", modifiee(poser((*CHU, "produits_assurance_maladie"), {})), JSON, "/calculate", 400, "{période: valeur}"),
    ("periodes_en_texte", modifiee(poser((*CHU, "produits_assurance_maladie"), "2024")), JSON, "/calculate", 400, "{période: valeur}"),
    # Périodes
    ("mois_13", valeur("produits_assurance_maladie", "2025-13", 1), JSON, "/calculate", 400, "période « 2025-13 » illisible"),
    ("periode_texte", valeur("produits_assurance_maladie", "l'an dernier", 1), JSON, "/calculate", 400, "illisible"),
    ("periode_vide", valeur("produits_assurance_maladie", "", 1), JSON, "/calculate", 400, "illisible"),
    ("periode_mois", valeur("penalite_refus_signature", "2025-01", None), JSON, "/calculate", 400, "la variable est annuelle"),
    ("periode_eternite_annuelle", valeur("penalite_refus_signature", "ETERNITY", None), JSON, "/calculate", 400, "la variable est annuelle"),
    ("periode_trois_ans", valeur("penalite_refus_signature", "year:2024:3", None), JSON, "/calculate", 400, "la variable est annuelle"),
    ("periode_mois_prefixe", valeur("produits_assurance_maladie", "month:2024-01", 5), JSON, "/calculate", 400, "la variable est annuelle"),
    ("annee_1990", valeur("penalite_refus_signature", "1990", None), JSON, "/calculate", 400, "année 1990 hors du domaine"),
    ("annee_2200", valeur("produits_assurance_maladie", "2200", 5), JSON, "/calculate", 400, "année 2200 hors du domaine"),
    ("annee_9999", valeur("penalite_refus_signature", "9999", None), JSON, "/calculate", 400, "hors du domaine"),
    # Valeurs
    ("montant_negatif", valeur("produits_assurance_maladie", "2024", -5_000.5), JSON, "/calculate", 400, "produits_assurance_maladie (2024) : montant négatif (-5000.5)"),
    ("montant_invraisemblable", valeur("produits_assurance_maladie", "2024", 2e11), JSON, "/calculate", 400, "plafond"),
    ("montant_en_texte", valeur("produits_assurance_maladie", "2024", "12345678"), JSON, "/calculate", 400, "nombre attendu, reçu un texte"),
    ("montant_en_liste", valeur("produits_assurance_maladie", "2024", [12_345_678]), JSON, "/calculate", 400, "nombre attendu, reçu une liste"),
    ("montant_en_objet", valeur("produits_assurance_maladie", "2024", {"euros": 1}), JSON, "/calculate", 400, "nombre attendu, reçu un objet"),
    ("montant_booleen", valeur("produits_assurance_maladie", "2024", True), JSON, "/calculate", 400, "nombre attendu, reçu un booléen"),
    ("taux_en_pourcent", valeur("atteinte_volet_obligatoire_achat_generiques", "2024", 25), JSON, "/calculate", 400, "taux hors de [0, 1]"),
    ("taux_negatif", valeur("atteinte_volet_obligatoire_achat_generiques", "2024", -0.1), JSON, "/calculate", 400, "minimum"),
    ("effectif_decimal", valeur("conciliations_realisees", "2024", 2.5), JSON, "/calculate", 400, "nombre entier attendu"),
    ("effectif_negatif", valeur("conciliations_realisees", "2024", -3), JSON, "/calculate", 400, "minimum"),
    ("effectif_invraisemblable", valeur("conciliations_realisees", "2024", 10**12), JSON, "/calculate", 400, "plafond"),
    ("booleen_en_texte", valeur("refus_signature", "2025", "oui"), JSON, "/calculate", 400, "booléen attendu"),
    ("booleen_deux", valeur("refus_signature", "2025", 2), JSON, "/calculate", 400, "booléen attendu"),
    ("categorie_inconnue", valeur("categorie_etablissement", "ETERNITY", "mco"), JSON, "/calculate", 400, "valeurs admises : mco_public"),
    ("categorie_nombre", valeur("categorie_etablissement", "ETERNITY", 1), JSON, "/calculate", 400, "valeurs admises"),
    ("variable_calculee_fournie", valeur("penalite_refus_signature", "2025", -1_000), JSON, "/calculate", 400, "est calculée"),
    ("mauvaise_entite_region", valeur("enveloppe_regionale", "2025", 1_000), JSON, "/calculate", 400, "se rapporte à l'entité « regions »"),
    ("mauvaise_entite_etablissement", modifiee(poser(("regions", "occitanie", "produits_assurance_maladie"), {"2024": 1})), JSON, "/calculate", 400, "pas à « regions »"),
    ("enveloppe_regionale_negative", modifiee(poser(("regions", "occitanie", "enveloppe_regionale"), {"2025": -1})), JSON, "/calculate", 400, "regions « occitanie », enveloppe_regionale (2025) : montant négatif (-1)"),
    ("enveloppe_regionale_decimale", modifiee(poser(("regions", "occitanie", "enveloppe_regionale"), {"2025": 1.5})), JSON, "/calculate", 400, "nombre entier attendu"),
    ("code_region_inconnu", valeur("code_region", "ETERNITY", "atlantide"), JSON, "/calculate", 400, "valeurs admises"),
    # Groupes et région
    ("membres_en_texte", modifiee(poser(("regions", "occitanie", "etablissements"), "chu_purpan")), JSON, "/calculate", 400, "liste d'identifiants"),
    ("membres_nombres", modifiee(poser(("regions", "occitanie", "etablissements"), [1, 2])), JSON, "/calculate", 400, "liste d'identifiants"),
    ("membre_absent", modifiee(poser(("regions", "occitanie", "etablissements"), ["chu_purpan", "clinique_pasteur", "fantome"])), JSON, "/calculate", 400, "« fantome » absent"),
    ("deux_regions", modifiee(poser(("regions", "bretagne"), {"etablissements": ["chu_purpan"]})), JSON, "/calculate", 400, "dans deux regions"),
    ("membre_cite_deux_fois", modifiee(poser(("regions", "occitanie", "etablissements"), ["chu_purpan", "clinique_pasteur", "chu_purpan"])), JSON, "/calculate", 400, "« chu_purpan » cité deux fois"),
    ("deux_entites_juridiques", modifiee(poser(("entites_juridiques", "autre"), {"etablissements": ["chu_purpan"]})), JSON, "/calculate", 400, "dans deux entites_juridiques"),
    ("sans_regions", modifiee(retirer("regions")), JSON, "/calculate", 400, "sans région"),
    ("hors_de_toute_region", modifiee(poser(("regions", "occitanie", "etablissements"), ["chu_purpan"])), JSON, "/calculate", 400, "« clinique_pasteur » sans région"),
    ("region_inconnue", modifiee(lambda d: d.update(regions={"atlantide": d["regions"]["occitanie"]})), JSON, "/calculate", 400, "région « atlantide » inconnue"),
    ("region_mal_orthographiee", modifiee(lambda d: d.update(regions={"ocitanie": d["regions"]["occitanie"]})), JSON, "/calculate", 400, "vouliez-vous dire : occitanie"),
    ("region_nommee_en_clair", modifiee(lambda d: d.update(regions={"Occitanie": d["regions"]["occitanie"]})), JSON, "/calculate", 400, "occitanie"),
    ("code_region_contredit", valeur("code_region", "ETERNITY", "bretagne"), JSON, "/calculate", 400, "contredit sa région « occitanie »"),
    ("region_en_liste", modifiee(poser(("regions", "occitanie"), ["chu_purpan"])), JSON, "/calculate", 400, "« occitanie » : objet"),
    ("role_inconnu", modifiee(poser(("regions", "occitanie", "membres"), ["chu_purpan"])), JSON, "/calculate", 400, "variable inconnue « membres »"),
    # /trace et autres routes
    ("trace_texte_brut", modifiee(lambda d: None), "text/plain", "/trace", 415, "envoyez du JSON"),
    ("trace_nan", brut('{"etablissements": {"a": {"produits_assurance_maladie": {"2024": NaN}}}}'), JSON, "/trace", 400, "NaN"),
    ("trace_montant_negatif", valeur("produits_assurance_maladie", "2024", -1), JSON, "/trace", 400, "montant négatif"),
    ("trace_region_inconnue", modifiee(lambda d: d.update(regions={"atlantide": d["regions"]["occitanie"]})), JSON, "/trace", 400, "inconnue"),
    ("trace_imbrication", imbrique(10_000), JSON, "/trace", 400, "imbriqué"),
    ("trace_50_mo", lambda: b" " * (50 * 2**20), JSON, "/trace", 413, "trop gros"),
    ("cle_non_unicode", brut('{"etablissements": {"a": {"\\ud800": {"2024": 1}}}, "regions": {"occitanie": {"etablissements": ["a"]}}}'), JSON, "/calculate", 400, "variable inconnue"),
]

AUTRES = [
    ("GET", "/calculate", 405, "méthode non permise"),
    ("PUT", "/trace", 405, "méthode non permise"),
    ("DELETE", "/calculate", 405, "méthode non permise"),
    ("GET", "/variable/chiffre_d_affaires", 404, "adresse inconnue"),
    ("GET", "/parameter/caqes.inconnu", 404, "adresse inconnue"),
    ("GET", "/nulle_part", 404, "adresse inconnue"),
]


def verifier_refus(reponse, statut: int, fragment: str) -> str:
    texte = reponse.get_data(as_text=True)
    assert reponse.status_code == statut, texte[:500]
    assert reponse.mimetype == "application/json", texte[:500]
    document = json.loads(texte, parse_constant=lambda nom: pytest.fail(f"JSON non standard : {nom}"))
    assert isinstance(document["error"], str)
    assert fragment in document["error"], document["error"]
    assert "Traceback" not in texte
    return document["error"]


@pytest.mark.parametrize(("fabrique", "type_contenu", "route", "statut", "fragment"), [c[1:] for c in CAS], ids=[c[0] for c in CAS])
def test_requete_malformee_refusee_en_4xx_json(client, fabrique, type_contenu, route, statut, fragment):
    reponse = client.post(route, data=fabrique(), content_type=type_contenu)
    verifier_refus(reponse, statut, fragment)


@pytest.mark.parametrize(("methode", "route", "statut", "fragment"), AUTRES, ids=[f"{m}_{r}" for m, r, *_ in AUTRES])
def test_route_ou_methode_inconnue_en_4xx_json(client, methode, route, statut, fragment):
    verifier_refus(client.open(route, method=methode), statut, fragment)


def test_le_corpus_couvre_au_moins_80_requetes():
    assert len(CAS) + len(AUTRES) >= 80


@pytest.mark.parametrize("endroit", ["variable", "periode", "etablissement", "region", "valeur"])
def test_un_texte_geant_n_est_pas_renvoye_en_entier(client, endroit):
    """Une clé ou une valeur d'un million de caractères est citée coupée : le refus reste court."""
    document, geant = situation(), "x" * 1_000_000
    chu = document["etablissements"]["chu_purpan"]
    if endroit == "variable":
        chu[geant] = {"2024": 1}
    elif endroit == "periode":
        chu["produits_assurance_maladie"] = {geant: 1}
    elif endroit == "etablissement":
        document["etablissements"][geant] = {}
    elif endroit == "region":
        document["regions"] = {geant: document["regions"]["occitanie"]}
    else:
        chu["categorie_etablissement"] = {"ETERNITY": geant}
    reponse = client.post("/calculate", data=corps(document), content_type=JSON)
    message = verifier_refus(reponse, 400, " caractères)")
    assert len(message) < 1_000


@pytest.mark.parametrize(("variable", "periode", "valeur_recue", "citee"), [
    ("produits_assurance_maladie", "2024", -5.5, -5.5),
    ("produits_assurance_maladie", "2024", [1, 2], "[1, 2]"),
    ("refus_signature", "2025", "oui", "oui"),
    ("penalite_refus_signature", "2025-01", None, None),
])
def test_le_refus_d_une_valeur_la_situe_pour_un_programme(client, variable, periode, valeur_recue, citee):
    document = situation()
    document["etablissements"]["chu_purpan"][variable] = {periode: valeur_recue}
    reponse = client.post("/calculate", data=corps(document), content_type=JSON)
    verifier_refus(reponse, 400, variable)
    assert reponse.get_json()["details"] == {
        "entite": "etablissements", "identifiant": "chu_purpan", "variable": variable, "periode": periode, "valeur": citee,
    }


def test_un_nombre_infini_est_cite_en_texte(client):
    texte = corps(situation()).replace(b"12345678", b"1e400")
    reponse = client.post("/calculate", data=texte, content_type=JSON)
    verifier_refus(reponse, 400, "nombre fini attendu")
    assert reponse.get_json()["details"]["valeur"] == "inf"
