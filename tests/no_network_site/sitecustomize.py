"""Loaded by every Python process started with this folder first on PYTHONPATH (see no_network_guard.py): when
$HANYEONG_NO_NETWORK_LOG names a file, the process refuses network access and records every attempt there."""

import os

if os.environ.get("HANYEONG_NO_NETWORK_LOG"):
    import no_network_guard

    no_network_guard.activate(os.environ["HANYEONG_NO_NETWORK_LOG"])
