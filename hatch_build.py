"""Construction : la roue porte la loi dans le paquet ; l'installation éditable la lit dans le dépôt, sans copie.

La loi (parameters/, variables/, reforms/) est à la racine du dépôt pour ses lecteurs. Une roue
ordinaire (« standard ») la range sous `openfisca_caqes/` ; une installation éditable (« editable »)
n'en copie rien : `openfisca_caqes.RACINE_LOI` la trouve à côté du paquet, dans le dépôt.
Un `force-include` de pyproject.toml, lui, serait aussi copié dans l'installation éditable.
"""

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOI = ("parameters", "variables", "reforms")


class CustomBuildHook(BuildHookInterface):
    """Ajoute la loi à la roue ordinaire seulement."""

    def initialize(self, version: str, build_data: dict) -> None:
        """Range parameters/, variables/ et reforms/ sous openfisca_caqes/ dans une roue « standard »."""
        if self.target_name == "wheel" and version == "standard":
            build_data["force_include"].update({dossier: f"openfisca_caqes/{dossier}" for dossier in LOI})
