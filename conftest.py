"""Les cas YAML de tests/ sont des tests pytest : la réglementation exécutable tourne avec le reste."""

from openfisca_core.tools.test_runner import OpenFiscaPlugin


def pytest_configure(config):
    if any(isinstance(plugin, OpenFiscaPlugin) for plugin in config.pluginmanager.get_plugins()):
        return  # lancé par `openfisca test`, qui apporte déjà son greffon
    from openfisca_caqes.systeme import systeme_de_base

    config.pluginmanager.register(OpenFiscaPlugin(systeme_de_base(), {}), "openfisca-yaml")
