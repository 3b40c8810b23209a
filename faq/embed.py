"""Embeddable answers for force websites: /embed/q/<number>/?force=<slug>, meant for an iframe.

The page shows the answer alone (no header, search or forms) in our design, with the force's
local note when `?force=` names one. Its number leads where the site's does
(`Answer.objects.resolve`): a merged answer redirects (keeping the parameters), a withdrawn one
is gone (410). `?lang=cy` gives it in Welsh (web.middleware: the embed keeps one address for
every language, as the API does), with the English text marked as such where there is no Welsh
version yet.
Which sites may frame it is decided by web.crossorigin from EMBED_ALLOWED_ORIGINS; every
other page keeps frame-ancestors 'none'.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_safe

from caching.decorator import cached_page
from caching.tags import tag_response
from forces import tags as force_tags
from forces.local import local_for_force
from forces.models import Force
from web.middleware import mark_sensitive

from . import pages
from .models import Answer, Live, Missing, Moved, Withdrawn
from .translations import translate_answers

app_name = "embed"


@require_safe
@cached_page(query=("force", "lang"))
def answer_embed(request, number):
    match Answer.objects.with_sensitivity().resolve(number):
        case Missing():
            raise Http404("No answer with that number")
        case Moved(to=final):
            target = reverse("embed:answer", kwargs={"number": final.number})
            query = request.GET.urlencode()
            return redirect(target + (f"?{query}" if query else ""), permanent=True)
        case Withdrawn(answer):
            translate_answers([answer])
            context = {"answer": answer}
            return render(request, "faq/answer_embed_withdrawn.html", context, status=410)
        case Live(answer):
            pass
    force = Force.objects.filter(slug=request.GET.get("force", "")[:60]).first()
    context = pages.answer_page(answer)
    context.update(local_for_force(force, answer))
    response = render(request, "faq/answer_embed.html", context)
    tag_response(response, *pages.answer_page_tags(context))
    if force is not None:
        tag_response(response, force_tags.force(force.slug))
    # As on the answer page: nothing about abuse is kept by the browser or a proxy.
    return mark_sensitive(response) if context["sensitive"] else response


urlpatterns = [path("q/<int:number>/", answer_embed, name="answer")]
