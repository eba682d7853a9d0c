"""The editors' reference page, generated from the model: every record, every field, every error code.

Field descriptions are the model's attribute docstrings (pydantic `use_attribute_docstrings`),
so the page cannot drift from what the build accepts. A test checks that every field and
every error code the validator can emit appears here.
"""

from __future__ import annotations

import types
import typing
from typing import Any, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from briefing.facts.codes import Code
from briefing.facts.kinds import BRIEFING, facts_files
from briefing.facts.model import RefTo, translated_fields
from briefing.text import Md


def _models(root: type[BaseModel], seen: dict[str, type[BaseModel]]) -> None:
    if root.__name__ in seen:
        return
    seen[root.__name__] = root
    for info in root.model_fields.values():
        for model in _nested(info.annotation):
            _models(model, seen)


def _nested(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _nested(arg)]


def records() -> dict[str, type[BaseModel]]:
    """Every record type reachable from the facts files, in the order a reader meets them."""
    seen: dict[str, type[BaseModel]] = {}
    for model in facts_files().values():
        _models(model, seen)
    return seen


def _described(metadata: Any) -> str | None:
    """A plain description of a constrained text type (id, reference, date, URL), if it is one."""
    for meta in metadata:
        if isinstance(meta, RefTo):
            return "id of " + " or ".join(f"a {k}" for k in meta.kinds)
        func = getattr(getattr(meta, "func", None), "__name__", "")
        if func == "check_date":
            return "date: YYYY-MM-DD, YYYY-MM or YYYY"
        if func == "_check_date_or_unknown":
            return "date (YYYY-MM-DD, YYYY-MM or YYYY) or 'unknown'"
        if func == "_check_id":
            return "id: lowercase letters, digits, single hyphens"
        if func == "_check_url":
            return "http(s) URL"
    return None


def _type(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _described(annotation.__metadata__) or _type(get_args(annotation)[0])
    if origin is list:
        return f"list of {_type(get_args(annotation)[0])}"
    if origin is typing.Literal:
        values = get_args(annotation)
        return f"'{values[0]}'" if len(values) == 1 else "one of: " + ", ".join(f"'{a}'" for a in values)
    args = [a for a in get_args(annotation) if a is not type(None)]
    if args and origin in (typing.Union, types.UnionType):
        return _type(args[0]) if len(args) == 1 else " or ".join(_type(a) for a in args)
    if isinstance(annotation, type):
        return {"str": "text", "bool": "true or false"}.get(annotation.__name__, annotation.__name__)
    return str(annotation)


def _needed(info: Any) -> str:
    if info.is_required():
        return "required"
    default = info.default
    if default in (None, [], PydanticUndefined):
        return "optional"
    return f"optional (default: {default})"


def reference_context() -> dict[str, Any]:
    """What reference.md.j2 needs: the facts files, every record type's fields, every error code.

    Names from the model (files, fields, codes) are shown in code spans, as they are: they are the
    generator's own words, never an editor's, so they are passed as Markdown."""
    files = [(Md(f"`facts/{stem}.yaml`"), "one" if stem == BRIEFING.file else "a list of",
              Md(f"[{model.__name__}](#{model.__name__.lower()})")) for stem, model in facts_files().items()]
    models = []
    for name, model in records().items():
        rows = [(Md(f"`{field}`"), _described(info.metadata) or _type(info.annotation), _needed(info),
                 info.description or "") for field, info in model.model_fields.items() if field != "translations"]
        translated = translated_fields(model)
        if translated:  # Record.translations: keys named by a language
            fields = ", ".join(f"`{f}`" for f in translated)
            rows.append((Md("a language code (`es`)"), "translation", "for each other language in `languages`",
                         Md(f"This record's {fields} in that language: "
                            + ("a string" if len(translated) == 1 else "a mapping of those fields"
                               + (f" (a string where it has no {', '.join(f'`{f}`' for f in translated[1:])})"
                                  if getattr(model, "ONE_TEXT_ALONE", False) else "")))))
        models.append((name, model.__doc__ or "", rows))
    return {"files": files, "models": models, "codes": [(Md(f"`{code.value}`"), code.description) for code in Code]}
