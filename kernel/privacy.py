"""Meine Daten (Art. 15 / 20 GDPR): each app contributes its part of a person's data (declared as ``privacy`` on
its AppConfig, ``kernel.contributions``), so nothing is forgotten when an app grows.

An app's ``privacy.py`` offers:

- ``export(person) -> dict``: its part, only data of or about ``person`` (never other people's);
- ``COVERS``: the links to a person (``"app_label.Model.field"``) whose records that part exports;
- ``NOT_PERSONAL``: links it does not export, each with the reason;
- ``erase(person)`` (where the part keeps data outside the account's own records): removes or pseudonymises it
  when the account is deleted (Art. 17), called by ``members.services.person_erase``.

``tests/members/test_my_data_complete.py`` walks every model and fails for a link to a person that is in
neither list.
"""

from kernel.contributions import contributed


def day(value):
    return value.isoformat() if value else None


def _modules():
    return contributed("privacy")


def person_export(person) -> dict:
    data = {}
    for module in _modules():
        part = module.export(person)
        clash = data.keys() & part.keys()
        assert not clash, f"{module.__name__} exports keys already taken: {clash}"
        data.update(part)
    return data


def person_erase_parts(person) -> None:
    """Art. 17 DSGVO: every part that keeps something of ``person`` outside their account erases it."""
    for module in _modules():
        erase = getattr(module, "erase", None)
        if erase is not None:
            erase(person)


def covered() -> set[str]:
    return set().union(*(module.COVERS for module in _modules()))


def not_personal() -> dict[str, str]:
    reasons = {}
    for module in _modules():
        reasons.update(module.NOT_PERSONAL)
    return reasons
