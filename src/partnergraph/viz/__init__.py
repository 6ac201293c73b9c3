"""The website: interactive network pages that work offline, served at ``/`` by the API app
and built as a static site by ``partnergraph site build``.

``partnergraph.viz.routes.router`` is what ``create_app`` includes;
``partnergraph.viz.site.build_site`` writes the static site. Neither is imported here, so that
importing a helper (``viz.layout``, ``viz.browser``) does not pull in the web app.
"""

__all__: list[str] = []
