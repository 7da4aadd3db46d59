"""How an app contributes to the shared places: declared once, on its ``AppConfig``, so a new app edits only itself.

An app's ``AppConfig`` may carry these attributes, each a tuple of ``(order, "dotted.path")``:

- ``desk``: functions ``(*, now) -> list[kernel.desk.Pending]``, the secretariat's pending work on the admin start
  page (collected by ``defus.desk.work_queue``);
- ``first_steps``: functions ``(user) -> {"done", "label", "url"}``, the checklist after the first sign-in
  (``kernel.first_steps``);
- ``privacy``: modules offering ``export``, ``COVERS``, ``NOT_PERSONAL`` and maybe ``erase``, the parts of
  Meine Daten (``kernel.privacy``);
- ``digest_primers``: functions ``(batch)`` loading what several digest sections read, for the whole batch, before
  any section (``mail.digest.compose``);
- ``digest_sections``: classes ``(batch)`` whose ``for_person(person)`` returns a ``kernel.digest.Part`` or None;
- ``group_activity``: functions ``(*, user, group_ids, limit) -> list[dict]`` adding items to a working group's
  activity list (``topics.selectors.activity_for``: the group page and the dashboard);
- ``choosers``: ``kernel.choosers.Kind`` objects, searched at ``/auswahl/<name>/`` (``kernel.choosers.KINDS``);
- ``email_recipient`` and ``email_stamp``: the mail path's hooks into ``kernel.emails.build_email`` (who holds an
  address; Message-ID, reply and bounce addresses).

The stated order: by the order key, then by the app's place in ``INSTALLED_APPS``. The keys in use are multiples of
ten, so a new app slots in between without renumbering the others. Everything is looked up by name when it is
needed, never at import time: the kernel imports no app.
"""

from collections.abc import Mapping
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import import_string


def declared(attribute: str) -> list[str]:
    """The dotted paths every installed app declares under ``attribute``, in the stated order."""
    found = []
    for place, config in enumerate(apps.get_app_configs()):
        for order, path in getattr(config, attribute, ()):
            found.append((order, place, path))
    return [path for _order, _place, path in sorted(found)]


def _load(path: str):
    # An attribute of an imported module first: looked up in sys.modules on every request (the desk, a group's
    # activity, the choosers) without the finder's failed search for a module of that name each time.
    try:
        return import_string(path)
    except ImportError:
        return import_module(path)


def contributed(attribute: str) -> list:
    """The objects (functions, classes, modules, kinds) declared under ``attribute``, in the stated order."""
    return [_load(path) for path in declared(attribute)]


class ByName(Mapping):
    """The objects declared under ``attribute``, by their ``name``, looked up afresh on each use."""

    def __init__(self, attribute: str):
        self.attribute = attribute

    def _all(self) -> dict:
        return {item.name: item for item in contributed(self.attribute)}

    def __getitem__(self, name: str):
        return self._all()[name]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())
