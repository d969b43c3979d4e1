"""L'application web d'OpenFisca, enveloppée pour échouer sans danger.

Les routes de lecture de la loi (`/spec`, `/variables`, `/parameters`, `/entities`…) sont celles
d'OpenFisca. `/calculate` et `/trace` sont remplacées : taille bornée avant lecture (413),
JSON strict (ni NaN ni Infinity, ni clé en double), profondeur et nombre d'établissements
bornés, chaque valeur contrôlée comme par le chargeur de population, `code_region` tiré de la
région, réponse sans NaN. Toute erreur est un JSON `{"error": "…"}` : 4xx pour une requête
fautive, 500 seulement pour un défaut du logiciel.
"""

from __future__ import annotations

import logging

from flask import Response, request
from openfisca_web_api.app import create_app
from werkzeug.exceptions import HTTPException

from openfisca_caqes.systeme import systeme_de_base
from openfisca_caqes.web.calcul import calculer, tracer
from openfisca_caqes.web.requete import ErreurRequete, Limites, en_json, lire_json, premier_non_fini
from openfisca_caqes.web.situation import valider_situation

journal = logging.getLogger("openfisca_caqes.web")

MESSAGES_HTTP = {
    400: "requête invalide",
    404: "adresse inconnue : voir /spec pour les routes de l'API",
    405: "méthode non permise sur cette adresse (POST pour /calculate et /trace, GET ailleurs)",
    413: "corps de requête trop gros",
    415: "type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json)",
}


def reponse_json(document, statut: int = 200) -> Response:
    """Une réponse JSON standard (sans NaN ni Infinity)."""
    try:
        texte = en_json(document)
    except ValueError:
        chemin = "/".join(map(str, premier_non_fini(document) or ()))
        journal.error("réponse non finie en %s", chemin)
        texte = en_json({"error": f"erreur interne : valeur non finie en {chemin} ; aucun résultat n'est rendu"})
        statut = 500
    return Response(texte, status=statut, mimetype="application/json")


def _lire_situation(limites: Limites):
    if request.content_length is not None and request.content_length > limites.octets:
        raise ErreurRequete(f"corps de requête trop gros ({request.content_length} octets ; au plus {limites.octets})", 413)
    if not request.is_json:
        type_recu = request.mimetype or "aucun"
        raise ErreurRequete(f"type de contenu « {type_recu} » : envoyez du JSON (Content-Type: application/json)", 415)
    return lire_json(request.get_data(cache=False), limites)


def creer_application(systeme=None, limites: Limites | None = None, message_accueil: str | None = None):
    """L'application Flask d'OpenFisca pour la loi `systeme`, avec les garde-fous décrits ci-dessus."""
    systeme = systeme if systeme is not None else systeme_de_base()
    limites = limites or Limites()
    app = create_app(systeme, welcome_message=message_accueil)
    # Un corps envoyé par morceaux (sans Content-Length) est tronqué à la lecture par Werkzeug, sans
    # erreur : on lit un octet de plus que la limite pour savoir qu'il la dépasse (lire_json : 413).
    app.config["MAX_CONTENT_LENGTH"] = limites.octets + 1

    def traiter(calcul):
        def vue():
            situation = _lire_situation(limites)
            validee = valider_situation(systeme, situation, limites)
            return reponse_json(calcul(systeme, situation, validee))

        vue.__name__ = calcul.__name__
        return vue

    app.view_functions["calculate"] = traiter(calculer)
    app.view_functions["trace"] = traiter(tracer)

    @app.errorhandler(ErreurRequete)
    def refus(erreur: ErreurRequete):
        return reponse_json(erreur.corps(), erreur.statut)

    @app.errorhandler(HTTPException)
    def erreur_http(erreur: HTTPException):
        if erreur.response is not None and erreur.response.is_json:  # réponse déjà JSON (abort d'OpenFisca)
            return erreur.response
        statut = erreur.code or 400
        message = MESSAGES_HTTP.get(statut, erreur.name)
        if statut == 413:
            message += f" (au plus {limites.octets} octets)"
        return reponse_json({"error": message}, statut)

    @app.errorhandler(500)
    @app.errorhandler(Exception)
    def defaut(erreur):
        original = getattr(erreur, "original_exception", None) or erreur
        journal.exception("erreur interne sur %s %s", request.method, request.path, exc_info=original)
        return reponse_json(
            {"error": f"erreur interne du serveur ({type(original).__name__}) : aucun résultat n'est rendu ; "
                      "signalez-la avec la requête qui l'a produite"},
            500,
        )

    return app
