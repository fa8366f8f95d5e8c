"""The project's URLs plus `/bench/minimal/`: a DRF endpoint that inserts one row and nothing else."""

from django.urls import path
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from consult.responses.models import Respondent
from consult.urls import urlpatterns as project_urls


class MinimalInsert(APIView):
    authentication_classes = ()
    throttle_classes = ()

    def post(self, request: Request) -> Response:
        now = timezone.now()
        row = Respondent.objects.create(kind="individual", consent="none", created_at=now)
        return Response({"id": row.pk}, status=201)


urlpatterns = [*project_urls, path("bench/minimal/", MinimalInsert.as_view())]
