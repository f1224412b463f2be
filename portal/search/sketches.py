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

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import TranslatableMixin

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


@dataclass
class _Rows:
    """One area's rows, with its themes and countries still as primary keys."""
    area: SearchArea
    values: dict  # pk -> dict of the row
    related: dict  # "themes"/"countries" -> the taxonomy model
    links: dict  # "themes"/"countries" -> pk -> [related pk]


def _m2m_ids(field, pks: list) -> dict:
    """pk -> the primary keys related through a many-to-many ``field``."""
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    found = defaultdict(list)
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
    if issubclass(model, TranslatableMixin):
        columns.update(translation_key="translation_key", locale_id="locale_id")
    fields = {key: model._meta.get_field(name) for key, name in
              (("themes", area.sketch_themes), ("countries", area.sketch_countries)) if name}
    for key, relation in fields.items():
        if not relation.many_to_many:  # a foreign key is read with the row
            columns[key] = relation.attname
    rows = {row["pk"]: row for row in (dict(zip(columns, values, strict=True))
                                       for values in queryset.values_list(*columns.values()))}
    links = {key: _m2m_ids(relation, list(rows)) if relation.many_to_many
             else {pk: [row[key]] for pk, row in rows.items() if row[key] is not None}
             for key, relation in fields.items()}
    return _Rows(area, rows, {key: relation.related_model for key, relation in fields.items()},
                 links)


def _taxonomy(read: list[_Rows]) -> dict:
    """(model, pk) -> object, for every theme and country any area's rows name."""
    wanted = defaultdict(set)
    for rows in read:
        for key, by_pk in rows.links.items():
            for ids in by_pk.values():
                wanted[rows.related[key]].update(ids)
    return {(model, pk): obj for model, ids in wanted.items()
            for pk, obj in model._base_manager.in_bulk(ids).items()}


def sketch(querysets: dict[str, tuple[SearchArea, QuerySet]]) -> dict[str, dict]:
    """area key -> {pk: HitSketch} for each area's queryset of matches."""
    read = [_read_rows(area, queryset) for area, queryset in querysets.values()]
    taxonomy = _taxonomy(read)
    sketched = {}
    for rows in read:
        sketched[rows.area.key] = {
            pk: HitSketch(
                title=row["title"] or "", date=_as_date(row.get("date")),
                translation_key=row.get("translation_key"), locale_id=row.get("locale_id"),
                **{key: tuple(taxonomy[(model, ref)] for ref in rows.links[key].get(pk, ())
                              if (model, ref) in taxonomy)
                   for key, model in rows.related.items()})
            for pk, row in rows.values.items()}
    return sketched
