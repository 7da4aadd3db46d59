"""A visibility rule stated once: a ``Q`` for lists, the same ``Q`` evaluated in Python for one object.

A policy is a function ``user -> Q`` decorated with ``@policy(Model, perm=...)``, and that is the rule's only
declaration: the permission name is registered with django-rules, so views and templates keep asking
``user.has_perm("topics.view_document", document)``::

    @policy(Document, perm="topics.view_document")
    def visible_documents(user) -> Q: ...

    Document.objects.filter(visible_documents.q(user))   # lists, search, counts
    visible_documents.check(user, document)              # one page
    sees = visible_documents.test(user)                  # many objects for one person (the digest)

The facts a rule reads about ``user`` (offices, groups …) come from the person's ``kernel.viewer.Viewer``.

The object check is *derived* from the filter, so the two cannot drift apart. The evaluator knows exactly
the lookups the policies use and refuses anything else with ``UnsupportedLookup``:

- ``field`` / ``field__exact``, ``__in``, ``__isnull``, ``__gt``/``__gte``/``__lt``/``__lte`` on a field of
  the model itself (``pk``, plain fields, a foreign key by name or ``_id``; model instances count by ``pk``);
- a many-to-many field with ``=`` / ``__in``: true when some related object matches. Python reads
  ``obj.<field>.all()``, so prefetch it when checking many objects; SQL gets a subquery on the link table
  (one row per object: no join, no DISTINCT);
- ``pk__in=Known(rows, ids)``: keys known two ways, a subquery for SQL and a set the caller caches per
  person for Python (no query per object);
- ``pk__in=Held(rows, test)``: a condition known two ways, a subquery for SQL and a test on the loaded object
  for Python that reads only what is already loaded or the object's ``Viewer`` facts (member access: the person's
  offices today, the status of their organisation);
- AND / OR / NOT; an empty ``Q()`` is everything, ``Q(pk__in=[])`` nothing.
"""

import datetime
import operator
from collections.abc import Callable, Collection

import rules
from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

NOTHING = Q(pk__in=[])


class UnsupportedLookup(ValueError):
    """A policy used a lookup the Python evaluator cannot answer the way the database would."""


class Known:
    """Primary keys known two ways: ``rows`` (a ``values()`` queryset, a subquery for the database) and
    ``ids`` (a callable returning the same keys as a set, cached per person, for Python)."""

    def __init__(self, rows: QuerySet, ids: Callable[[], Collection[int]]):
        self.rows, self.ids = rows, ids


class Held:
    """A condition on the object known two ways: ``rows`` (a ``values("pk")`` queryset of the model, a subquery
    for the database) and ``test`` (the same condition on one loaded object, for Python)."""

    def __init__(self, rows: QuerySet, test: Callable[[object], bool]):
        self.rows, self.test = rows, test


_COMPARE = {"gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le}


def _key(value):
    return value.pk if isinstance(value, models.Model) else value


def _prepared(field, value):
    """``value`` as the database compares it: Django turns "5" into 5 for an integer key and a date into
    midnight for a date-time field before it writes the SQL; the Python check does the same."""
    target = field.target_field if field.is_relation else field
    value = target.to_python(_key(value))
    if isinstance(value, datetime.datetime) and settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _field(model, name: str):
    if name == "pk":
        return model._meta.pk
    try:
        return model._meta.get_field(name)
    except Exception as error:
        raise UnsupportedLookup(f"{model.__name__} has no field {name!r} a policy can test") from error


def _split(model, lookup: str):
    name, _sep, op = lookup.partition("__")
    op = op or "exact"
    field = _field(model, name)
    if "__" in op or op not in {"exact", "in", "isnull", *_COMPARE}:
        raise UnsupportedLookup(f"policy lookup {lookup!r} on {model.__name__}: only exact, in, isnull, gt(e), lt(e)")
    if field.many_to_many and not isinstance(field, models.ManyToManyField):
        raise UnsupportedLookup(f"policy lookup {lookup!r} on {model.__name__}: reverse relations are not supported")
    if field.many_to_many and op not in {"exact", "in"}:
        raise UnsupportedLookup(f"policy lookup {lookup!r} on {model.__name__}: a many-to-many field takes = or __in")
    if field.is_relation and not field.many_to_many and not field.concrete:
        raise UnsupportedLookup(f"policy lookup {lookup!r} on {model.__name__}: reverse relations are not supported")
    return name, field, op


def _leaf_test(model, lookup: str, value) -> Callable[[object], bool]:
    name, field, op = _split(model, lookup)
    if isinstance(value, Known | Held) and (name != "pk" or op != "in"):
        raise UnsupportedLookup(f"{type(value).__name__} goes with pk__in, not {lookup!r}")
    if isinstance(value, Known):
        return lambda obj: obj.pk in value.ids()
    if isinstance(value, Held):
        return lambda obj: bool(value.test(obj))
    if isinstance(value, QuerySet | models.Expression | models.F):
        raise UnsupportedLookup(f"policy lookup {lookup!r}: Python cannot read a subquery; use Known")
    if field.many_to_many:
        related_pk = field.related_model._meta.pk
        wanted = {related_pk.to_python(_key(v)) for v in (value if op == "in" else [value]) if v is not None}
        return lambda obj: any(related.pk in wanted for related in getattr(obj, name).all())
    attname = "pk" if name == "pk" else field.attname

    if op == "isnull":
        return lambda obj: (getattr(obj, attname) is None) == bool(value)
    if op == "in":
        # SQL's IN never matches NULL (Django drops None from the list): neither does this.
        wanted = {_prepared(field, v) for v in value if v is not None}
        return lambda obj: getattr(obj, attname) in wanted
    if value is None:
        raise UnsupportedLookup(f"policy lookup {lookup!r}=None: write __isnull=True")
    if op == "exact":
        wanted = _prepared(field, value)
        return lambda obj: getattr(obj, attname) == wanted
    compare, value = _COMPARE[op], _prepared(field, value)

    def test(obj) -> bool:
        current = getattr(obj, attname)
        return current is not None and compare(current, value)  # NULL compares false, as in SQL

    return test


def compile_q(model, q: Q) -> Callable[[object], bool]:
    """``q`` as a Python test on one ``model`` instance (see the module docstring for what it supports)."""
    tests = []
    for child in q.children:
        if isinstance(child, Q):
            tests.append(compile_q(model, child))
        elif isinstance(child, tuple):
            tests.append(_leaf_test(model, *child))
        else:
            raise UnsupportedLookup(f"policy condition {child!r}: only lookups and Q objects are supported")
    if q.connector not in (Q.AND, Q.OR):
        raise UnsupportedLookup(f"policy connector {q.connector}: only AND and OR")
    combine = all if q.connector == Q.AND else any
    if q.negated:
        return lambda obj: not combine(test(obj) for test in tests)
    return lambda obj: combine(test(obj) for test in tests)


def sql_q(model, q: Q) -> Q:
    """``q`` for the database: many-to-many lookups and ``Known`` keys become subqueries on ``pk``."""
    result = Q(_connector=q.connector, _negated=q.negated)
    for child in q.children:
        if isinstance(child, Q):
            result.children.append(sql_q(model, child))
            continue
        lookup, value = child
        name, field, op = _split(model, lookup)
        if isinstance(value, Known | Held):
            child = ("pk__in", value.rows)
        elif field.many_to_many:
            links = field.remote_field.through.objects
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            wanted = [_key(v) for v in value] if op == "in" else [_key(value)]
            child = ("pk__in", links.filter(**{f"{target}_id__in": wanted}).values(f"{source}_id"))
        result.children.append(child)
    return result


class Policy:
    def __init__(self, model, rule: Callable[[object], Q], perm: str | None = None):
        self.model, self.rule, self.perm = model, rule, perm
        self.__name__, self.__doc__ = rule.__name__, rule.__doc__
        # The rule as a django-rules predicate, to combine with action rules (``policy.predicate & is_open``).
        self.predicate = rules.predicate(self.check, name=perm or rule.__name__)
        if perm is not None:
            # The permission asks the same rule: ``user.has_perm(perm, obj)`` is ``self.check(user, obj)``.
            rules.add_perm(perm, self.predicate)

    def q(self, user) -> Q:
        """The rule as a filter for ``model.objects.filter(...)``."""
        return sql_q(self.model, self.rule(user))

    def test(self, user) -> Callable[[object], bool]:
        """The rule as a Python test, with the person's offices and groups looked up once."""
        compiled = compile_q(self.model, self.rule(user))
        return lambda obj: obj is not None and compiled(obj)

    def check(self, user, obj) -> bool:
        """The rule for one object (``None`` is never visible)."""
        return obj is not None and self.test(user)(obj)


def policy(model, *, perm: str | None = None):
    """Decorator: ``@policy(Model, perm="app.view_model")`` on ``def rule(user) -> Q`` gives a ``Policy`` and
    registers ``perm`` (when given) as the same rule for ``user.has_perm(perm, obj)``."""
    return lambda rule: Policy(model, rule, perm)
