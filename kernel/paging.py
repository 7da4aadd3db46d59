from django.core.paginator import Page, Paginator


def paginate(request, queryset, per_page: int, param: str = "page") -> tuple[Page, str]:
    """The requested page, and the other query parameters (filters, other lists' pages) for the page links.

    ``param`` names the page parameter, so that one page can hold several paginated lists."""
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    return page, query.urlencode()
