"""What the search reads of every match before it knows which page is shown.

A common word matches a hundred objects per area; the page shows twenty. Ranking,
filtering and counting the facets need only a title, a date, the themes, the countries and
which translation an object is: those are read as plain rows (one query per area and one
per link table, then one per taxonomy for every area at once), and only the twenty shown
are loaded as objects and described (`SearchArea.describe`). Loading every match as an
object, with its themes and countries prefetched, cost 0.3 ms per match.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils import timezone

from .registry import SearchArea

TITLE = "_sketch_title"


@dataclass(frozen=True)
class HitSketch:
    title: str
    date: datetime.date | None = None
    themes: tuple = ()  # objects with .slug and str()
    countries: tuple = ()  # objects with .iso_code and str()
    translation_key: object = None
    locale_id: int | None = None


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _is_translatable(model: type[Model]) -> bool:
    names = {field.name for field in model._meta.get_fields()}
    return {"translation_key", "locale"} <= names


@dataclass
class _Rows:
    """One area's rows, with the taxonomy still as primary keys."""
    area: SearchArea
    values: dict  # pk -> dict of the row
    links: dict  # "themes"/"countries" -> pk -> [related pk]


def _link_ids(model: type[Model], name: str, pks: list) -> dict:
    """pk -> the related primary keys through a many-to-many field or a foreign key."""
    field = model._meta.get_field(name)
    found = defaultdict(list)
    if not field.many_to_many:
        return found  # a foreign key is read with the row (see `_read_rows`)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    for owner, related in through._base_manager.filter(**{f"{source}_id__in": pks}).values_list(
            f"{source}_id", f"{target}_id"):
        found[owner].append(related)
    return found


def _read_rows(area: SearchArea, queryset: QuerySet) -> _Rows:
    model = area.model
    queryset = queryset.prefetch_related(None).order_by()
    title = area.sketch_title
    if not isinstance(title, str):
        queryset, title = queryset.annotate(**{TITLE: title}), TITLE
    columns = {"pk": "pk", "title": title}
    if area.sketch_date:
        columns["date"] = area.sketch_date
    if _is_translatable(model):
        columns.update(translation_key="translation_key", locale_id="locale_id")
    relations = {"themes": area.sketch_themes, "countries": area.sketch_countries}
    for key, name in relations.items():
        if name and not model._meta.get_field(name).many_to_many:
            columns[key] = f"{name}_id"
    rows = {row["pk"]: row for row in (dict(zip(columns, values, strict=True))
                                       for values in queryset.values_list(*columns.values()))}
    links = {}
    for key, name in relations.items():
        if not name:
            continue
        if key in columns:
            links[key] = {pk: [row[key]] for pk, row in rows.items() if row[key] is not None}
        else:
            links[key] = _link_ids(model, name, list(rows))
    return _Rows(area, rows, links)


def _taxonomy(read: list[_Rows]) -> dict:
    """(model, pk) -> object, for every theme and country any area's rows name."""
    wanted = defaultdict(set)
    for rows in read:
        for key, by_pk in rows.links.items():
            name = rows.area.sketch_themes if key == "themes" else rows.area.sketch_countries
            related = rows.area.model._meta.get_field(name).related_model
            for ids in by_pk.values():
                wanted[related].update(ids)
    return {(model, pk): obj for model, ids in wanted.items()
            for pk, obj in model._base_manager.in_bulk(ids).items()}


def sketch(querysets: dict[str, tuple[SearchArea, QuerySet]]) -> dict[str, dict]:
    """area key -> {pk: HitSketch} for each area's queryset of matches."""
    read = [_read_rows(area, queryset) for area, queryset in querysets.values()]
    taxonomy = _taxonomy(read)
    sketched = {}
    for rows in read:
        fields = {"themes": rows.area.sketch_themes, "countries": rows.area.sketch_countries}
        related = {key: rows.area.model._meta.get_field(name).related_model
                   for key, name in fields.items() if name}
        sketched[rows.area.key] = {
            pk: HitSketch(
                title=row["title"] or "", date=_as_date(row.get("date")),
                translation_key=row.get("translation_key"), locale_id=row.get("locale_id"),
                **{key: tuple(taxonomy[(model, ref)] for ref in rows.links[key].get(pk, ())
                              if (model, ref) in taxonomy)
                   for key, model in related.items()})
            for pk, row in rows.values.items()}
    return sketched
