"""Les cas YAML de tests/ sont des tests pytest : la réglementation exécutable tourne avec le reste."""

from openfisca_core.tools.test_runner import OpenFiscaPlugin


def pytest_configure(config):
    from openfisca_caqes.systeme import systeme_de_base

    config.pluginmanager.register(OpenFiscaPlugin(systeme_de_base(), {}), "openfisca-yaml")
