from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..selectors import consultation_public_detail, consultations_public_list


def consultation_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    consultations = list(consultations_public_list())
    open_ = [c for c in consultations if c.accepts_responses(now)]
    others = [c for c in consultations if not c.accepts_responses(now)]
    return render(request, "consultations/list.html", {"open": open_, "others": others})


def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_public_detail(slug)
    if consultation is None:
        raise Http404
    return render(request, "consultations/detail.html", {"consultation": consultation})
