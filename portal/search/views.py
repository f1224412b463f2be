from django.http import JsonResponse
from django.shortcuts import render


def search(request):
    return render(request, "search/search.html", {"query": request.GET.get("q", "")})


def autocomplete(request):
    return JsonResponse({"results": []})
