"""Les régimes et scénarios demandés (`--regimes 2018,2022=2021`, `--scenario central@2028`) et la loi d'un scénario."""

from __future__ import annotations

from pathlib import PurePath

from openfisca_caqes import scenarios
from openfisca_caqes.erreurs import ErreurUtilisateur

# Libellé de régime → année évaluée par défaut. 2018 est l'année de l'état des lieux (seed 004) :
# le régime 2018 s'évalue sur 2019, première année à objectifs chiffrés.
REGIMES = {"2018": 2019, "2022": 2022, "2025": 2025, "2027": 2027}
REGIMES_PAR_DEFAUT = "2018,2022,2025,2027"


def lire_regimes(texte: str) -> list[tuple[str, int]]:
    """« 2018,2022,2025,2027 » → [(libellé, année évaluée)] ; « 2018=2021 » choisit l'année."""
    regimes = []
    for element in (morceau.strip() for morceau in texte.split(",")):
        if not element:
            continue
        libelle, _, annee = element.partition("=")
        libelle = libelle.strip()
        if annee:
            valeur = annee.strip()
        elif libelle in REGIMES:
            valeur = str(REGIMES[libelle])
        else:
            valeur = libelle
        if not valeur.isdigit() or not 2016 <= int(valeur) <= 2099:
            raise ErreurUtilisateur(
                f"régime « {element} » non reconnu : attendu un de {', '.join(REGIMES)}, une année, "
                "ou LIBELLÉ=ANNÉE (ex. 2018=2021)"
            )
        regimes.append((libelle, int(valeur)))
    if not regimes:
        raise ErreurUtilisateur("aucun régime demandé (--regimes 2018,2022,2025,2027)")
    libelles = [libelle for libelle, _ in regimes]
    doublons = sorted({libelle for libelle in libelles if libelles.count(libelle) > 1})
    if doublons:
        raise ErreurUtilisateur(f"régime demandé deux fois : {', '.join(doublons)}")
    return regimes


def lire_scenario(texte: str, annee_defaut: int) -> tuple[str, int]:
    """« central » ou « central@2028 » → (nom ou chemin, année évaluée)."""
    nom, separateur, annee = texte.rpartition("@")
    if not separateur:
        return texte, annee_defaut
    if not annee.isdigit() or not 2016 <= int(annee) <= 2099:
        raise ErreurUtilisateur(f"scénario « {texte} » : l'année après @ doit être une année (ex. central@2027)")
    return nom, int(annee)


def systeme_du_scenario(nom_ou_chemin: str):
    """La loi d'un scénario (openfisca_caqes.scenarios), ses erreurs devenues des erreurs d'utilisateur."""
    erreurs = tuple(
        classe for classe in (getattr(scenarios, "ErreurScenario", None),) if isinstance(classe, type)
    ) + (FileNotFoundError,)
    try:
        return scenarios.charger_scenario(nom_ou_chemin)
    except erreurs as erreur:
        disponibles = ""
        if hasattr(scenarios, "scenarios_disponibles"):
            disponibles = f" (scénarios disponibles : {', '.join(scenarios.scenarios_disponibles())})"
        raise ErreurUtilisateur(f"scénario « {nom_ou_chemin} » : {erreur}{disponibles}") from None


def nom_scenario(nom_ou_chemin: str) -> str:
    """Le libellé d'un scénario : son nom, ou le nom de son fichier sans extension."""
    chemin = PurePath(nom_ou_chemin)
    return chemin.stem if chemin.suffix in (".yaml", ".yml") else nom_ou_chemin
