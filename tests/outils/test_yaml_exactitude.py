"""Les cas YAML vérifient exactement les booléens, les énumérations, les comptes et les taux.

Une marge absolue de 1 fait passer une assertion vrai/faux quoi que rende le code (et une marge
relative de 1 aussi, sur une attente vraie) : une telle marge sur une sortie non monétaire est un
test qui ne peut pas échouer. Sortie non monétaire (lue dans le système socio-fiscal) : type bool,
Enum ou int d'unité autre que la monnaie, ou float d'unité « /1 » (taux) ou « nombre » (points,
scores). Les marges inférieures à 0,5 (arrondis de float) restent permises.

Les dossiers tests/ifep et tests/reforms sont corrigés par l'équipe de l'IFEP : jusqu'à la fusion,
ce contrôle peut y échouer (et seulement là).
"""

from pathlib import Path

import pytest
import yaml

from openfisca_caqes.systeme import systeme_de_base

RACINE = Path(__file__).resolve().parents[2]
SEUIL = 0.5
MARGES = ("absolute_error_margin", "relative_error_margin")


def non_monetaire(variable) -> bool:
    """Vrai si une marge d'une demi-unité ou plus rend l'assertion sur cette variable inopérante."""
    if variable.unit == "currency-EUR":
        return False
    if variable.value_type in (bool, int) or variable.value_type.__name__ == "Enum":
        return True
    return variable.value_type is float and variable.unit in ("/1", "nombre")


def variables_en_sortie(sortie: dict, systeme) -> set[str]:
    """Les variables vérifiées par un cas : clés de `output`, directes ou sous une entité (singulier ou pluriel)."""
    noms = set()
    for cle, valeur in (sortie or {}).items():
        if cle in systeme.variables:
            noms.add(cle)
        elif isinstance(valeur, dict):
            for sous_cle, sous_valeur in valeur.items():
                if sous_cle in systeme.variables:  # entité au singulier : {variable: valeur}
                    noms.add(sous_cle)
                elif isinstance(sous_valeur, dict):  # entité au pluriel : {identifiant: {variable: valeur}}
                    noms.update(nom for nom in sous_valeur if nom in systeme.variables)
    return noms


def marge(cas: dict, cle: str, variable: str) -> float:
    """La marge du cas pour une variable (un nombre, ou un dictionnaire par variable avec `default`)."""
    valeur = cas.get(cle)
    if isinstance(valeur, dict):
        valeur = valeur.get(variable, valeur.get("default"))
    return 0.0 if valeur is None else float(valeur)


def marges_inoperantes(cas: dict, systeme) -> list[str]:
    """Les (variable, marge) d'un cas dont la marge rend l'assertion non monétaire inopérante."""
    fautes = []
    for nom in sorted(variables_en_sortie(cas.get("output"), systeme)):
        if not non_monetaire(systeme.variables[nom]):
            continue
        for cle in MARGES:
            if marge(cas, cle, nom) >= SEUIL:
                fautes.append(f"{nom} : {cle} = {marge(cas, cle, nom)}")
    return fautes


def fichiers_yaml() -> list[Path]:
    return sorted(p for p in (RACINE / "tests").rglob("*.yaml") if not p.name.startswith("."))


@pytest.mark.parametrize("chemin", fichiers_yaml(), ids=lambda p: str(p.relative_to(RACINE)))
def test_aucune_marge_inoperante_sur_une_sortie_non_monetaire(chemin):
    systeme = systeme_de_base()
    contenu = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    cas = contenu if isinstance(contenu, list) else [contenu]
    fautes = [
        f"{chemin.relative_to(RACINE)} — « {c.get('name')} » : {faute}"
        for c in cas if isinstance(c, dict)
        for faute in marges_inoperantes(c, systeme)
    ]
    assert not fautes, "marges ≥ 0,5 sur des sorties non monétaires :\n" + "\n".join(fautes)


def test_le_controle_rejette_une_marge_de_un_sur_un_booleen_un_compte_et_un_taux():
    """Le contrôle lui-même peut échouer : un cas fabriqué avec une marge de 1 est rejeté."""
    systeme = systeme_de_base()
    cas = {
        "name": "fabriqué",
        "period": 2023,
        "absolute_error_margin": 1,
        "output": {
            "ciblage_ipp": True,  # bool
            "etablissements": {"a": {"nombre_indicateurs_nationaux_cibles": 2}},  # int, unité « nombre »
            "taux_atteinte_aapp_mpi": 1,  # float, unité « /1 »
            "interessement_ipp": 20000,  # monnaie : la marge d'un euro y est permise
        },
    }
    fautes = marges_inoperantes(cas, systeme)
    assert [faute.split(" : ")[0] for faute in fautes] == ["ciblage_ipp", "nombre_indicateurs_nationaux_cibles", "taux_atteinte_aapp_mpi"]
    assert marges_inoperantes({**cas, "absolute_error_margin": {"default": 1, "ciblage_ipp": 0}}, systeme)[0].startswith(
        "nombre_indicateurs_nationaux_cibles"
    )
    assert not marges_inoperantes({**cas, "absolute_error_margin": 0.000001}, systeme)
    assert marges_inoperantes({**cas, "absolute_error_margin": None, "relative_error_margin": 1}, systeme)
