"""The ``glossterm_*`` options (:mod:`sphinx_glossterm.model.options`) declared with Sphinx."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from sphinx_glossterm.model.options import OPTIONS, config_problems, default_of
from sphinx_glossterm.model.warnings_ import GlosstermWarning, warning_kwargs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def register(app: Sphinx) -> None:
    """Declare every option with Sphinx."""
    for option in OPTIONS:
        app.add_config_value(option.name, option.default, option.rebuild, option.types)
    app.connect("config-inited", validate, priority=100)


def declare(config: Config) -> None:
    """Declare every option on a Config read without a Sphinx application (``glossterm check``)."""
    for option in OPTIONS:
        if option.name not in config:
            config.add(option.name, option.default, option.rebuild, option.types)


def validate(app: Sphinx | None, config: Config) -> None:
    """Reset malformed values to their defaults, with a warning naming the option."""
    for name, reason in config_problems(config):
        _reject(config, name, reason)


def _reject(config: Config, name: str, reason: str) -> None:
    default = default_of(name)
    logger.warning(
        "%s %s; using the default %r",
        name,
        reason,
        default,
        **warning_kwargs(GlosstermWarning.CONFIG),
    )
    config[name] = default
