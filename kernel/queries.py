"""Query helpers shared by the selectors."""

from django.db.models import F, Func, IntegerField, Subquery


def count_of(queryset) -> Subquery:
    """``SELECT COUNT(*)`` of a correlated queryset (one using OuterRef), to annotate each row of a list.

    Unlike ``Count("relation")`` it needs no GROUP BY over the whole list, so a page of a long list
    counts only for the rows it shows, and several counts do not multiply each other's joins.
    """
    counted = queryset.order_by().annotate(_count=Func(F("pk"), function="COUNT")).values("_count")
    return Subquery(counted, output_field=IntegerField())
