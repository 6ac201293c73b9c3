"""The conformance suite's fixtures (``store``, ``both``, the session Neo4j) live in
``tests/conftest.py`` so that every test folder shares one Neo4j server."""
