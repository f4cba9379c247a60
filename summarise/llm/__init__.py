"""The LLM engine (`--engine llm`): any OpenAI-compatible endpoint, through openai + instructor.

Importing this package is cheap; openai's client is built only when a call is actually made.
"""

from .engine import LLMEngine
from .failures import EndpointDown
from .usage import format_usage

__all__ = ["EndpointDown", "LLMEngine", "format_usage"]
