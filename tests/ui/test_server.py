"""The UI's production server as docker-compose and the browser see it."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import httpx
import yaml

from tests.ui.conftest import ROOT


def test_the_compose_healthcheck_passes_against_the_running_ui(ui_url: str) -> None:
    compose: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text("utf-8"))
    code = str(compose["services"]["ui"]["healthcheck"]["test"][3])
    local_code = code.replace("http://127.0.0.1:3000", ui_url)
    assert local_code != code
    result = subprocess.run(
        [sys.executable, "-c", local_code], capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_page_loads_nothing_from_other_hosts(ui_url: str) -> None:
    """No fonts, scripts or styles from a CDN: the desk works on a closed network."""
    html = httpx.get(f"{ui_url}/", timeout=10).text
    references = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert references
    for reference in references:
        assert not re.match(r"(https?:)?//", reference), reference
