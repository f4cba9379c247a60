"""The LLM engine (`--engine llm`): any OpenAI-compatible endpoint, through openai + instructor.

Importing this package is cheap; openai's client is built only when a call is actually made.
"""

from .engine import LLMEngine
from .usage import format_usage

__all__ = ["LLMEngine", "format_usage"]
