"""The attribute and metric names: one constants module, the conventions' packages for the names
they have, v1.41 spellings."""

from __future__ import annotations

import ast
import itertools
import pathlib

import pytest
from opentelemetry.semconv._incubating.attributes import gen_ai_attributes

from opper_tracing import _constants as attrs

PACKAGE = pathlib.Path(attrs.__file__).parent


def test_all_lists_every_public_constant() -> None:
    public = sorted(name for name in vars(attrs) if name.isupper() and not name.startswith("_"))
    assert sorted(attrs.__all__) == public


def test_every_name_spelled_here_has_a_docstring() -> None:
    """Names the conventions' packages ship are imported; only this package's own are written
    out, each with what it means."""
    tree = ast.parse(pathlib.Path(attrs.__file__).read_text())
    spelled, documented = set(), set()
    for node, following in itertools.pairwise(tree.body):
        own = isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
        if own and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            spelled.add(node.target.id)
            if isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
                documented.add(node.target.id)
    assert spelled
    assert spelled - documented == set()


@pytest.mark.parametrize(
    ("constant", "name"),
    [
        (attrs.GEN_AI_OPERATION_NAME, "gen_ai.operation.name"),
        (attrs.GEN_AI_PROVIDER_NAME, "gen_ai.provider.name"),
        (attrs.GEN_AI_REQUEST_MODEL, "gen_ai.request.model"),
        (attrs.GEN_AI_REQUEST_STREAM, "gen_ai.request.stream"),
        (attrs.GEN_AI_OUTPUT_TYPE, "gen_ai.output.type"),
        (attrs.GEN_AI_RESPONSE_ID, "gen_ai.response.id"),
        (attrs.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, "gen_ai.response.time_to_first_chunk"),
        (attrs.GEN_AI_USAGE_INPUT_TOKENS, "gen_ai.usage.input_tokens"),
        (attrs.GEN_AI_USAGE_OUTPUT_TOKENS, "gen_ai.usage.output_tokens"),
        (attrs.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, "gen_ai.usage.reasoning.output_tokens"),
        (attrs.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, "gen_ai.usage.cache_read.input_tokens"),
        (
            attrs.GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
            "gen_ai.usage.cache_creation.input_tokens",
        ),
        (attrs.GEN_AI_SYSTEM_INSTRUCTIONS, "gen_ai.system_instructions"),
        (attrs.GEN_AI_INPUT_MESSAGES, "gen_ai.input.messages"),
        (attrs.GEN_AI_OUTPUT_MESSAGES, "gen_ai.output.messages"),
        (attrs.ERROR_TYPE, "error.type"),
        (attrs.SERVER_ADDRESS, "server.address"),
        (attrs.SERVER_PORT, "server.port"),
        (attrs.GEN_AI_CLIENT_OPERATION_DURATION, "gen_ai.client.operation.duration"),
        (attrs.GEN_AI_CLIENT_TOKEN_USAGE, "gen_ai.client.token.usage"),
        (
            attrs.GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
            "gen_ai.client.operation.time_to_first_chunk",
        ),
        (
            attrs.GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
            "gen_ai.client.operation.time_per_output_chunk",
        ),
        (attrs.OPPER_FUNCTION_NAME, "opper.function.name"),
        (attrs.OPPER_PARENT_SPAN_ID, "opper.parent_span_id"),
        (attrs.OPPER_SPAN_ID, "opper.span_id"),
        (attrs.OPPER_STREAM_COMPLETED, "opper.stream.completed"),
        (attrs.OPPER_TAGS_PREFIX, "opper.tags."),
        (attrs.OPPER_COST_PREFIX, "opper.cost."),
        (attrs.OPPER_TRACE_ID, "opper.trace_id"),
        (attrs.GEN_AI_CONVERSATION_ID, "gen_ai.conversation.id"),
        (attrs.GEN_AI_WORKFLOW_NAME, "gen_ai.workflow.name"),
        (attrs.OPERATION_INVOKE_WORKFLOW, "invoke_workflow"),
        # OpenInference, as Phoenix reads it (from openinference-semantic-conventions):
        (attrs.OPENINFERENCE_SPAN_KIND, "openinference.span.kind"),
        (attrs.LLM_MODEL_NAME, "llm.model_name"),
        (attrs.LLM_TOKEN_COUNT_PROMPT, "llm.token_count.prompt"),
        (attrs.LLM_TOKEN_COUNT_COMPLETION, "llm.token_count.completion"),
        (attrs.LLM_TOKEN_COUNT_TOTAL, "llm.token_count.total"),
        (attrs.LLM_COST_TOTAL, "llm.cost.total"),
        (attrs.INPUT_VALUE, "input.value"),
        (attrs.OUTPUT_VALUE, "output.value"),
        (attrs.METADATA, "metadata"),
        (attrs.TAG_TAGS, "tag.tags"),
        (attrs.SESSION_ID, "session.id"),
        (attrs.USER_ID, "user.id"),
        (attrs.SPAN_KIND_LLM, "LLM"),
        (attrs.SPAN_KIND_CHAIN, "CHAIN"),
        # Langfuse's OTLP ingestion:
        (attrs.LANGFUSE_OBSERVATION_METADATA, "langfuse.observation.metadata"),
        (attrs.LANGFUSE_OBSERVATION_COST_DETAILS, "langfuse.observation.cost_details"),
    ],
    ids=lambda value: str(value),
)
def test_names_follow_semconv_v1_41_and_the_backends(constant: str, name: str) -> None:
    assert constant == name


def test_bucket_boundaries_are_the_advised_ones() -> None:
    assert list(attrs.DURATION_BUCKETS) == [0.01 * 2**i for i in range(14)]
    assert attrs.TOKEN_BUCKETS[0] == 1
    assert attrs.TOKEN_BUCKETS[-1] == 67108864
    assert len(attrs.TOKEN_BUCKETS) == 14


def test_only_the_constants_module_imports_the_conventions() -> None:
    importers = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            prefixes = ("opentelemetry.semconv", "openinference.semconv")
            if any(name.startswith(prefixes) for name in names):
                importers.add(path.name)
    assert importers == {"_constants.py"}
    assert attrs.GEN_AI_REQUEST_MODEL is gen_ai_attributes.GEN_AI_REQUEST_MODEL


@pytest.mark.parametrize("module", ["_telemetry.py", "_trace.py"])
def test_telemetry_modules_spell_no_attribute_name_themselves(module: str) -> None:
    source = (PACKAGE / module).read_text()
    tree = ast.parse(source)
    literals = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    spelled = [s for s in literals if s.startswith(("gen_ai.", "opper.", "error.", "server."))]
    assert spelled == []
