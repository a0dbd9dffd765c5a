"""The OpenAPI schema tells the truth: enums as the models define them, bounded numbers, limited text, errors."""

import enum
import json
import types
import typing

import pytest
from pydantic import BaseModel
from typing_extensions import TypeAliasType

from config.api import api

pytestmark = pytest.mark.django_db
SCHEMA_URL = "/api/v1/openapi.json"


@pytest.fixture
def schema(client) -> dict:
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    return json.loads(response.content)


def resolve(schema: dict, node: dict) -> tuple[str | None, dict]:
    """(component name or None, the schema ``node`` stands for)."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return name, schema["components"]["schemas"][name]
    return None, node


def enums_in(schema: dict, node: dict) -> list[tuple[str | None, list]]:
    """Every enum reachable from ``node`` through references, unions and arrays, with its component."""
    name, node = resolve(schema, node)
    found = [(name, node["enum"])] if "enum" in node else []
    for key in ("anyOf", "oneOf", "allOf"):
        for part in node.get(key, []):
            found += enums_in(schema, part)
    if "items" in node:
        found += enums_in(schema, node["items"])
    return found


def unwrap(annotation) -> list:
    """The plain types inside an annotation (through Optional, unions, lists, Annotated and type aliases)."""
    if isinstance(annotation, TypeAliasType):
        return unwrap(annotation.__value__)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    if origin is not None:
        return [inner for arg in typing.get_args(annotation) for inner in unwrap(arg)]
    if isinstance(annotation, types.UnionType):
        return [inner for arg in annotation.__args__ for inner in unwrap(arg)]
    return [annotation]


def enum_fields(model: type[BaseModel], seen: set):
    """(model, field name as serialised, enum class) for every enum-typed field of ``model`` and the models in it."""
    if model in seen:
        return
    seen.add(model)
    for name, field in model.model_fields.items():
        for inner in unwrap(field.annotation):
            if isinstance(inner, type) and issubclass(inner, enum.Enum):
                yield model, field.alias or name, inner
            elif isinstance(inner, type) and issubclass(inner, BaseModel):
                yield from enum_fields(inner, seen)


def operations():
    """(schema entry finder, ninja operation) for every operation of the API that is in the schema."""
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                if operation.include_in_schema:
                    yield operation


def schema_operation(schema: dict, operation) -> dict:
    operation_id = operation.operation_id or api.get_openapi_operation_id(operation)
    for methods in schema["paths"].values():
        for details in methods.values():
            if details["operationId"] == operation_id:
                return details
    raise AssertionError(f"{operation_id} is not in the schema")


def test_every_enum_component_holds_the_choices_of_the_model_field_it_describes(schema):
    sources: dict[str, set] = {}  # enum component -> the choices classes of the fields that point to it
    checked = 0
    for operation in operations():
        details = schema_operation(schema, operation)
        parameters = {parameter["name"]: parameter["schema"] for parameter in details.get("parameters", [])}
        for model in operation.models:  # path, query and body parameters
            for owner, field, choices in enum_fields(model, set()):
                node = parameters.get(field)
                if node is None:  # a body field: in the body's component
                    node = schema["components"]["schemas"][owner.__name__]["properties"][field]
                for component, values in enums_in(schema, node):
                    assert sorted(values) == sorted(choices.values), (owner.__name__, field, component)
                    sources.setdefault(component, set()).add(choices)
                    checked += 1
        for response in operation.response_models.values():
            if response is None:
                continue
            for owner, field, choices in enum_fields(response, set()):
                if owner is response:
                    continue  # ninja's wrapper: its one field is the answer itself
                node = schema["components"]["schemas"][owner.__name__]["properties"][field]
                for component, values in enums_in(schema, node):
                    assert sorted(values) == sorted(choices.values), (owner.__name__, field, component)
                    sources.setdefault(component, set()).add(choices)
                    checked += 1
    assert checked > 10
    assert all(len(classes) == 1 for classes in sources.values()), sources
    enum_components = {name for name, component in schema["components"]["schemas"].items() if "enum" in component}
    assert enum_components == set(sources) - {None}


def test_session_status_is_the_sessions_own_enum(schema, client):
    components = schema["components"]["schemas"]
    for name in ("SessionOut", "SessionDetailOut", "EnrolmentSessionOut"):
        [(component, values)] = enums_in(schema, components[name]["properties"]["status"])
        assert "open" in values and "present" not in values
        assert component != "Status"
    [(_component, mark_values)] = enums_in(schema, components["AttendanceMarkOut"]["properties"]["status"])
    assert sorted(mark_values) == ["absent", "partial", "present"]


def integers_without_bounds(node, where: str = "#") -> list[str]:
    found = []
    if isinstance(node, dict):
        kinds = node.get("type")
        if kinds == "integer" or (isinstance(kinds, list) and "integer" in kinds):
            has_minimum = "minimum" in node or "exclusiveMinimum" in node
            has_maximum = "maximum" in node or "exclusiveMaximum" in node
            if not (has_minimum and has_maximum):
                found.append(where)
        for key, value in node.items():
            found += integers_without_bounds(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += integers_without_bounds(value, f"{where}/{index}")
    return found


def test_every_integer_in_the_schema_has_a_minimum_and_a_maximum(schema):
    assert integers_without_bounds(schema) == []


def test_ids_and_offsets_stay_within_a_64_bit_integer(schema):
    sessions = schema["paths"]["/api/v1/sessions"]["get"]["parameters"]
    bounds = {parameter["name"]: parameter["schema"] for parameter in sessions}
    assert (bounds["offset"]["minimum"], bounds["offset"]["maximum"]) == (0, 2**63 - 1)
    assert (bounds["limit"]["minimum"], bounds["limit"]["maximum"]) == (1, 100)
    [course] = [part for part in bounds["course"]["anyOf"] if part.get("type") == "integer"]
    assert (course["minimum"], course["maximum"]) == (1, 2**63 - 1)


def strings_in_bodies(schema: dict):
    """(where, string schema) for every string a request body can carry."""
    for path, methods in schema["paths"].items():
        for method, details in methods.items():
            for content in details.get("requestBody", {}).get("content", {}).values():
                stack = [(f"{method} {path}", content["schema"])]
                while stack:
                    where, node = stack.pop()
                    _name, node = resolve(schema, node)
                    if node.get("type") == "string" and "enum" not in node:
                        yield where, node
                    for key, value in node.get("properties", {}).items():
                        stack.append((f"{where}.{key}", value))
                    stack += [(where, part) for part in node.get("anyOf", []) + node.get("allOf", [])]


def test_free_text_in_bodies_states_its_length_and_refuses_nul(schema):
    strings = list(strings_in_bodies(schema))
    assert any(where.endswith("cancel.reason") for where, _node in strings)
    for where, node in strings:
        assert node.get("maxLength"), where
        assert node.get("pattern") == r"^[^\x00]*$", where


def test_every_operation_declares_its_error_answers_as_json(schema):
    components = schema["components"]["schemas"]
    for path, methods in schema["paths"].items():
        for method, details in methods.items():
            label = f"{method.upper()} {path}"
            statuses = {int(status) for status in details["responses"]}
            assert 401 in statuses, label
            # Any body or parameter can be invalid, except a plain string (a certificate code: unknown is 404).
            parameters = [parameter["schema"] for parameter in details.get("parameters", [])]
            plain_string = {"type": "string"}
            if details.get("requestBody") or any(
                {key: value for key, value in each.items() if key != "title"} != plain_string for each in parameters
            ):
                assert 422 in statuses, label
            if "{" in path:
                assert 404 in statuses, label
            if method == "post":
                assert 403 in statuses, label  # the CSRF check of the web session
            for status in statuses - {200, 201, 202}:
                assert 400 <= status < 500, label
                _name, error = resolve(
                    schema, details["responses"][str(status)]["content"]["application/json"]["schema"]
                )
                assert {"code", "message"} <= set(error["required"]), (label, status)
                assert error["properties"]["code"]["type"] == "string"
                if status == 422:
                    assert "errors" in error["required"], label
    assert "ErrorOut" in components


def test_the_json_has_no_duplicate_keys(client):
    pairs_seen = []

    def check(pairs):
        keys = [key for key, _value in pairs]
        pairs_seen.append(len(keys))
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    json.loads(client.get(SCHEMA_URL).content, object_pairs_hook=check)
    assert pairs_seen
