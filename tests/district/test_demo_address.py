"""The address `cunwu district demo` prints names the host and port `./run district` serves on."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cunwu.cli.district_demo import address

RUN = Path(__file__).resolve().parents[2] / "run"


def test_the_printed_address_names_the_served_host_and_port():
    assert address("127.0.0.1", 8750) == "http://127.0.0.1:8750/"
    assert address("127.0.0.1", 9001) == "http://127.0.0.1:9001/"
    assert address("0.0.0.0", 9001) == "http://127.0.0.1:9001/"  # every interface: loopback
    assert address("192.168.1.20", 8080) == "http://192.168.1.20:8080/"
    assert address("::", 8080) == "http://[::1]:8080/"
    assert address("fe80::1", 8080) == "http://[fe80::1]:8080/"


def test_run_district_hands_the_serve_address_to_the_demo():
    """./run district passes --host/--port (either spelling) of its serve arguments to the demo."""
    text = RUN.read_text(encoding="utf-8")
    start = text.index("        local arg prev=\"\" where=()")
    loop = text[start:text.index("done\n", start) + 5]
    script = ("f() {\n" + loop + '    printf "%s\\n" "${where[@]}"\n}\n'
              "f --user officer --port 9123 --host=0.0.0.0 --tls-cert c.pem\n")
    out = subprocess.run(["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["--port", "9123", "--host=0.0.0.0"]
