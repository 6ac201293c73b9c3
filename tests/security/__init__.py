"""Tests of the defences against what an outside probe found (issue 19)."""
