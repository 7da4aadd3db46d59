from django.http import Http404
from django.shortcuts import get_object_or_404, render

from circulars import selectors
from circulars.models import Circular
from circulars.sending import load_circular
from kernel.markup import render_markdown
from kernel.paging import paginate


def circular_list(request):
    search = request.GET.get("q", "")[:200]
    circulars = selectors.circular_list(user=request.user, search=search)
    page, query = paginate(request, circulars, 20)
    return render(request, "circulars/circular_list.html", {"page": page, "query": query, "search": search})


def circular_detail(request, pk):
    circular = get_object_or_404(Circular.objects.only("pk"), pk=pk)
    # Outside the audience the circular is not revealed (as a document one may not read).
    if not request.user.has_perm("circulars.read_circular", circular):
        raise Http404
    circular = load_circular(pk)
    language = request.LANGUAGE_CODE
    return render(
        request,
        "circulars/circular_detail.html",
        {
            "circular": circular,
            "title": circular.title_for(language),
            "html": render_markdown(circular.body_for(language)),
            "documents": selectors.documents_for(request.user, circular),
        },
    )
