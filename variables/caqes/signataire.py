"""Qui signe le contrat : l'entité juridique pour ses sites, ou le site lui-même."""

from openfisca_core.periods import DateUnit

from openfisca_caqes.base import Variable
from openfisca_caqes.entities import Etablissement
from openfisca_caqes.regions import par_modalite


class contrat_signe_par_entite_juridique(Variable):
    value_type = bool
    entity = Etablissement
    definition_period = DateUnit.YEAR
    label = "Le contrat du site est signé par son entité juridique (sinon par le site lui-même)"
    reference = [
        "ARS Occitanie 2017, réunions d'information sur le volet obligatoire, « Entité responsable de la contractualisation »",
        "ARS Occitanie 2021, présentation du nouveau CAQES, « A noter » : publics par EJ, privés par EG",
    ]

    def formula_2017_04_23(etablissement, period, parameters):
        """Vrai si le statut juridique du site fait signer le contrat par son entité juridique (publics), faux s'il signe lui-même."""
        statut = etablissement("statut_juridique", period)
        return par_modalite(parameters(period).caqes.signature_par_entite_juridique, statut) == 1
