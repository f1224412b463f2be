"""How a model's ``search_fields`` become Whoosh fields and documents.

One Whoosh index holds a model and all its indexed subclasses (the "root" model's
tree, as with modelsearch's Elasticsearch backend). Field names are built so that
different kinds of data never collide:

- ``t_<path>``: full-text field of a ``SearchField`` (stemmed, language aware),
- ``p_<path>``: the pairs of neighbouring words of that field (for phrases),
- ``a_<path>``: edge n-grams of an ``AutocompleteField``,
- ``f_<path>``: exact value of a ``FilterField`` (numbers encoded as integers),
- ``sys_*``: bookkeeping (primary key, content types, languages, null markers).

``<path>`` is the attribute name, preceded by the names of the ``RelatedFields`` that
lead to it (``authors__name``) and, for fields declared on a subclass, by that
subclass (``searchtests_novel__setting``) so two subclasses may reuse a name.

Language of a document
----------------------
A model tells the language of its content, looked up in this order:

1. a method ``get_search_language()`` on the instance,
2. an attribute (or method) ``search_language``,
3. a field ``language`` (a code such as "fr") or ``locale`` (a Wagtail ``Locale`` or a
   code);

anything else, or an unsupported code, falls back to the backend's ``LANGUAGE``
option ("en" unless configured). Codes are normalised ("fr-CA" -> "fr").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from modelsearch.backends.base import get_model_root
from modelsearch.index import (
    AutocompleteField,
    FilterField,
    Indexed,
    RelatedFields,
    SearchField,
    get_indexed_models,
)
from whoosh import fields as wf

from .analysis import (
    AutocompleteAnalyzer,
    MultilingualAnalyzer,
    WordPairAnalyzer,
    mark_language,
    normalise_language,
)

PK = "sys_pk"
CONTENT_TYPES = "sys_ct"
LANGUAGE = "sys_lang"
HAS_VALUE = "sys_has"
IS_NULL = "sys_null"
ORDER_PK = "sys_order_pk"
TEXT_PREFIX = "t_"
PAIRS_PREFIX = "p_"


def pairs_field(text_field: str) -> str:
    """The word-pair field that goes with the full-text field ``text_field``."""
    return PAIRS_PREFIX + text_field.removeprefix(TEXT_PREFIX)


def is_pairs_field(name: str) -> bool:
    return name.startswith(PAIRS_PREFIX)

# Integer types whose values fit in 32 bits: they take half the index terms.
SMALL_INT_TYPES = {
    "AutoField",
    "SmallAutoField",
    "IntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
}
INT_TYPES = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "PositiveBigIntegerField",
}
VALUE_KINDS = {
    **dict.fromkeys(INT_TYPES, "int"),
    "FloatField": "float",
    "DecimalField": "float",
    "BooleanField": "bool",
    "NullBooleanField": "bool",
    "DateField": "date",
    "DateTimeField": "datetime",
    "TimeField": "time",
}
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Column:
    """One Whoosh field derived from a ``search_fields`` entry."""

    name: str
    kind: str  # "text", "autocomplete" or "filter"
    boost: float = 1.0
    value_kind: str = "str"  # filters only: int, float, bool, date, datetime, time, str
    multi_valued: bool = False
    bits: int = 64  # filters only: width of integer encodings

    def whoosh_field(self, default_language: str) -> wf.FieldType:
        if self.kind == "text":
            return wf.TEXT(analyzer=MultilingualAnalyzer(default_language), phrase=True)
        if self.kind == "autocomplete":
            return wf.TEXT(analyzer=AutocompleteAnalyzer(), phrase=False)
        sortable = not self.multi_valued
        if self.value_kind == "str":
            return wf.ID(sortable=sortable)
        # Whoosh hands ``default`` to the sort column as is, i.e. in its unsigned
        # "sortable" encoding, where 0 is below every real value: rows without a value
        # sort first, as NULL does in SQLite.
        # Range queries walk precision tiers of 8 bits: few terms per value (a
        # faster index) while a range still reads at most a few hundred terms.
        if self.value_kind == "float":
            return wf.NUMERIC(float, sortable=sortable, default=0, shift_step=8)
        return wf.NUMERIC(
            int, bits=self.bits, signed=True, sortable=sortable, default=0, shift_step=8
        )


# ---------------------------------------------------------------------------
# Filter value encoding: Python values <-> what the index stores


def encode_filter_value(kind: str, value: Any) -> Any:
    """Encode a filter value for the index; ``None`` means "no value"."""
    if value is None:
        return None
    if isinstance(value, models.Model):
        value = value.pk
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return int(bool(value))
    if kind == "date":
        return _as_date(value).toordinal()
    if kind == "datetime":
        return _datetime_to_micros(value)
    if kind == "time":
        return _time_to_micros(value)
    return force_str(value)


def decode_filter_value(kind: str, value: Any) -> Any:
    """Inverse of ``encode_filter_value`` (used for facet keys)."""
    if kind == "int":
        return int(value)
    if kind == "bool":
        return bool(value)
    if kind == "date":
        return datetime.date.fromordinal(int(value))
    if kind == "datetime":
        return _EPOCH + datetime.timedelta(microseconds=int(value))
    if kind == "time":
        micros = int(value)
        seconds, micro = divmod(micros, 1_000_000)
        return datetime.time(seconds // 3600, seconds // 60 % 60, seconds % 60, micro)
    return value


def _as_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _datetime_to_micros(value: Any) -> int:
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if not isinstance(value, datetime.datetime):
        # A date compared with a datetime field means midnight, in the site's time zone.
        value = datetime.datetime.combine(value, datetime.time.min)
    if timezone.is_naive(value):
        tz = timezone.get_default_timezone() if settings.USE_TZ else datetime.UTC
        value = value.replace(tzinfo=tz)
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _time_to_micros(value: Any) -> int:
    if isinstance(value, str):
        value = datetime.time.fromisoformat(value)
    if isinstance(value, datetime.datetime):
        value = value.time()
    return ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond


def value_kind_for(field: FilterField, model: type[models.Model]) -> str:
    return VALUE_KINDS.get(field.get_type(model), "str")


def value_bits_for(field: FilterField, model: type[models.Model]) -> int:
    field_type = field.get_type(model)
    return (
        32
        if field_type in SMALL_INT_TYPES or VALUE_KINDS.get(field_type) in ("date", "bool")
        else 64
    )


# ---------------------------------------------------------------------------
# Language of a document


def object_language(obj: models.Model, default: str) -> str:
    """The language of ``obj``'s content (see the module docstring for the rules)."""
    getter = getattr(obj, "get_search_language", None)
    if callable(getter):
        return normalise_language(getter(), default)
    declared = getattr(obj, "search_language", None)
    if declared is not None:
        return normalise_language(declared() if callable(declared) else declared, default)
    for field_name in ("language", "locale"):
        value = _field_value(obj, field_name)
        if value is not None:
            code = getattr(value, "language_code", value)
            return normalise_language(code, default)
    return default


def _field_value(obj: models.Model, field_name: str) -> Any:
    meta = getattr(obj, "_meta", None)
    if meta is None:
        return getattr(obj, field_name, None)
    try:
        meta.get_field(field_name)
    except FieldDoesNotExist:
        return None
    return getattr(obj, field_name, None)


# ---------------------------------------------------------------------------
# Mapping of one model


def _is_multi_valued(relation: Any) -> bool:
    return bool(relation.many_to_many or relation.one_to_many)


def _definition_prefix(field: Any, model: type[models.Model]) -> str:
    root = get_model_root(model)
    definition = field.get_definition_model(model)
    if definition is None or definition is root or not issubclass(definition, models.Model):
        return ""
    return f"{definition._meta.app_label.lower()}_{definition.__name__.lower()}__"


def content_type_label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model.__name__}".lower()


class ModelMapping:
    """Columns and documents for one indexed model (use ``mapping_for(model)``)."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.root = get_model_root(model)
        self.columns = list(self._walk(model.get_search_fields(), model, "", False, True))
        self._subtree_columns: dict[str, list[Column]] = {}

    # -- column discovery --------------------------------------------------------

    def _walk(
        self,
        fields: Iterable[Any],
        model: type[models.Model],
        path: str,
        multi: bool,
        top_level: bool,
    ) -> Iterator[Column]:
        for field in fields:
            prefix = path or (_definition_prefix(field, model) if top_level else "")
            if isinstance(field, RelatedFields):
                relation = field.get_field(model)
                yield from self._walk(
                    field.fields,
                    relation.related_model,
                    f"{prefix}{field.field_name}__",
                    multi or _is_multi_valued(relation),
                    False,
                )
            elif isinstance(field, SearchField):
                yield Column(
                    f"t_{prefix}{field.get_attname(model)}", "text", float(field.boost or 1)
                )
            elif isinstance(field, AutocompleteField):
                yield Column(f"a_{prefix}{field.get_attname(model)}", "autocomplete")
            elif isinstance(field, FilterField):
                yield Column(
                    f"f_{prefix}{field.get_attname(model)}",
                    "filter",
                    value_kind=value_kind_for(field, model),
                    multi_valued=multi or self._filter_is_multi_valued(field, model),
                    bits=value_bits_for(field, model),
                )

    @staticmethod
    def _filter_is_multi_valued(field: FilterField, model: type[models.Model]) -> bool:
        try:
            return _is_multi_valued(field.get_field(model))
        except FieldDoesNotExist:
            return False

    def column_for(self, field: Any, kind: str) -> Column | None:
        """The top-level column of a ``search_fields`` entry of this model."""
        prefix = _definition_prefix(field, self.model)
        name = f"{kind[0]}_{prefix}{field.get_attname(self.model)}"
        return next((column for column in self.columns if column.name == name), None)

    def filter_column_for_path(self, field_path: list[Any]) -> Column:
        """The filter column reached by ``RelatedFields``... then a ``FilterField``."""
        model = self.model
        names = []
        multi = False
        for related in field_path[:-1]:
            relation = related.get_field(model)
            multi = multi or _is_multi_valued(relation)
            names.append(related.field_name)
            model = relation.related_model
        last = field_path[-1]
        prefix = _definition_prefix(field_path[0], self.model)
        name = "f_" + prefix + "__".join([*names, last.get_attname(model)])
        return Column(
            name,
            "filter",
            value_kind=value_kind_for(last, model),
            multi_valued=multi or self._filter_is_multi_valued(last, model),
            bits=value_bits_for(last, model),
        )

    def subtree_models(self) -> list[type[models.Model]]:
        """This model and its indexed subclasses: the documents a search may return."""
        return [m for m in get_indexed_models() if issubclass(m, self.model)]

    def subtree_columns(self, kind: str) -> list[Column]:
        """Columns of ``kind`` of this model and its subclasses (computed once)."""
        if kind not in self._subtree_columns:
            seen: dict[str, Column] = {}
            for model in self.subtree_models():
                for column in mapping_for(model).columns:
                    if column.kind == kind:
                        seen.setdefault(column.name, column)
            self._subtree_columns[kind] = list(seen.values())
        return self._subtree_columns[kind]

    def content_types(self) -> list[str]:
        labels = [content_type_label(self.model)]
        parent = self.model.indexed_get_parent()
        while parent is not None:
            labels.append(content_type_label(parent))
            parent = parent.indexed_get_parent()
        return labels

    # -- documents ------------------------------------------------------------------

    def document(self, obj: models.Model, default_language: str) -> dict[str, Any]:
        """The Whoosh document for ``obj`` (keys are field names)."""
        language = object_language(obj, default_language)
        builder = _DocumentBuilder(language)
        builder.collect(self.model.get_search_fields(), obj, "", True)
        doc = builder.finish(self.columns)
        doc[PK] = force_str(obj.pk)
        doc[ORDER_PK] = _order_key(obj.pk)
        doc[CONTENT_TYPES] = self.content_types()
        doc[LANGUAGE] = language
        return doc


class _DocumentBuilder:
    """Gathers values of one object, following related objects, per column."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.texts: dict[str, list[str]] = {}
        self.filters: dict[str, list[Any]] = {}
        self.nulls: set[str] = set()
        self.kinds: dict[str, str] = {}
        # Related objects by (object, relation): a relation used by both a
        # RelatedFields and a FilterField is read once.
        self.related: dict[tuple[int, str], list[Any]] = {}

    def collect(self, fields: Iterable[Any], obj: models.Model, path: str, top_level: bool) -> None:
        model = type(obj)
        for field in fields:
            prefix = path or (_definition_prefix(field, model) if top_level else "")
            if isinstance(field, RelatedFields):
                self._collect_related(field, obj, prefix)
                continue
            name = f"{prefix}{field.get_attname(model)}"
            if isinstance(field, SearchField):
                self._add_text(f"t_{name}", field.get_value(obj))
            elif isinstance(field, AutocompleteField):
                self._add_text(f"a_{name}", field.get_value(obj))
            elif isinstance(field, FilterField):
                value = self._filter_value(field, obj)
                self._add_filter(f"f_{name}", value_kind_for(field, model), value)

    def _collect_related(self, field: RelatedFields, obj: models.Model, prefix: str) -> None:
        path = f"{prefix}{field.field_name}__"
        related_model = field.get_field(type(obj)).related_model
        items = self._related_items(obj, field.field_name, lambda: field.get_value(obj))
        found = False
        for item in items:
            found = True
            self.collect(field.fields, item, path, False)
        if not found:
            self._mark_missing(field.fields, related_model, path)

    def _related_items(self, obj: models.Model, name: str, read: Any) -> list[Any]:
        key = (id(obj), name)
        if key not in self.related:
            related = read()
            if related is None:
                self.related[key] = []
            elif hasattr(related, "all"):
                self.related[key] = list(related.all())
            else:
                self.related[key] = [related]
        return self.related[key]

    def _filter_value(self, field: FilterField, obj: models.Model) -> Any:
        """A filter field's value; many-valued relations reuse the related objects.

        ``FilterField.get_value`` asks the model field, and some managers
        (django-taggit's) then query the database for every object even when the
        rebuild prefetched the relation.
        """
        try:
            relation = field.get_field(type(obj))
        except FieldDoesNotExist:
            return field.get_value(obj)
        if not _is_multi_valued(relation) or obj.pk is None:
            return field.get_value(obj)
        items = self._related_items(obj, field.field_name, lambda: getattr(obj, field.field_name))
        return [item.pk for item in items]

    def _mark_missing(self, fields: Iterable[Any], model: type[models.Model], path: str) -> None:
        """No related object: its filter columns count as null (like a LEFT JOIN)."""
        for field in fields:
            if isinstance(field, FilterField):
                self.nulls.add(f"f_{path}{field.get_attname(model)}")
            elif isinstance(field, RelatedFields):
                related_model = field.get_field(model).related_model
                self._mark_missing(field.fields, related_model, f"{path}{field.field_name}__")

    def _add_text(self, column: str, value: Any) -> None:
        text = flatten_text(value)
        if text:
            self.texts.setdefault(column, []).append(text)

    def _add_filter(self, column: str, kind: str, value: Any) -> None:
        self.kinds[column] = kind
        values = _flatten_filter_values(value)
        encoded = [v for v in (encode_filter_value(kind, item) for item in values) if v is not None]
        if len(encoded) < len(values) or not values:
            self.nulls.add(column)
        self.filters.setdefault(column, []).extend(encoded)

    def finish(self, columns: list[Column]) -> dict[str, Any]:
        known = {column.name: column for column in columns}
        doc: dict[str, Any] = {}
        for name, texts in self.texts.items():
            if name in known:
                doc[name] = mark_language("\n".join(texts), self.language)
                if known[name].kind == "text":
                    doc[pairs_field(name)] = doc[name]
        has_value = []
        for name, values in self.filters.items():
            column = known.get(name)
            if column is None or not values:
                continue
            doc[name] = values if column.multi_valued else values[0]
            has_value.append(name)
        doc[HAS_VALUE] = has_value
        doc[IS_NULL] = sorted(self.nulls & known.keys())
        return doc


def flatten_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "\n".join(flatten_text(item) for item in value.values())
    if isinstance(value, (list, tuple, set)):
        return "\n".join(flatten_text(item) for item in value)
    if hasattr(value, "all") and callable(value.all):
        return "\n".join(flatten_text(item) for item in value.all())
    return force_str(value)


def _flatten_filter_values(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (models.Manager, models.QuerySet)):
        return list(value.values_list("pk", flat=True))
    if isinstance(value, (list, tuple, set)):
        return [item.pk if isinstance(item, models.Model) else item for item in value]
    return [value]


def _order_key(pk: Any) -> Any:
    return pk if isinstance(pk, int) else force_str(pk)


def pk_is_integer(root: type[models.Model]) -> bool:
    return root._meta.pk.get_internal_type() in INT_TYPES


@cache
def mapping_for(model: type[models.Model]) -> ModelMapping:
    return ModelMapping(model)


@cache
def root_schema(root: type[models.Model], default_language: str) -> wf.Schema:
    """The Whoosh schema of the index that holds ``root`` and its subclasses."""
    schema = wf.Schema()
    schema.add(PK, wf.ID(stored=True, unique=True))
    schema.add(CONTENT_TYPES, wf.ID())
    schema.add(LANGUAGE, wf.ID())
    schema.add(HAS_VALUE, wf.ID())
    schema.add(IS_NULL, wf.ID())
    order_field = (
        wf.NUMERIC(int, bits=64, signed=True, sortable=True, shift_step=0)
        if pk_is_integer(root)
        else wf.ID(sortable=True)
    )
    schema.add(ORDER_PK, order_field)
    for column in root_columns(root):
        schema.add(column.name, column.whoosh_field(default_language))
        if column.kind == "text":
            # No words to pair yet: a rebuild chooses them (see with_pair_words).
            schema.add(pairs_field(column.name), pairs_field_type(default_language))
    return schema


def pairs_field_type(default_language: str, words: frozenset[str] = frozenset()) -> wf.TEXT:
    # Frequencies only: a pair's position is never needed (see analysis).
    return wf.TEXT(analyzer=WordPairAnalyzer(default_language, words), phrase=False)


def with_pair_words(schema: wf.Schema, words: frozenset[str], default_language: str) -> wf.Schema:
    """A copy of ``schema`` whose word-pair fields pair ``words``."""
    copy = schema.copy()
    for name in schema.names():
        if is_pairs_field(name):
            copy.remove(name)
            copy.add(name, pairs_field_type(default_language, words))
    return copy


def pair_words(schema: wf.Schema, name: str) -> frozenset[str]:
    """The words paired in the word-pair field ``name`` of an index (none if absent)."""
    return schema[name].analyzer.words if name in schema else frozenset()


def root_columns(root: type[models.Model]) -> list[Column]:
    seen: dict[str, Column] = {}
    for model in get_indexed_models():
        if issubclass(model, Indexed) and get_model_root(model) is root:
            for column in mapping_for(model).columns:
                seen.setdefault(column.name, column)
    return list(seen.values())
