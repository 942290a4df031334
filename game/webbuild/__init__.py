"""Browser build of the game with pygbag: ``build-web`` and ``serve``.

The pipeline validates the content and compiles it to JSON
(:mod:`game.webbuild.content`). It collects the modules the browser entry
point imports and checks that pygbag can load every import
(:mod:`game.webbuild.importcheck`). Then it stages them with the assets and
runs pygbag with the page template in ``build/web_template/``
(:mod:`game.webbuild.build`). :mod:`game.webbuild.serve` serves the result
on 127.0.0.1.

Only :mod:`game.webbuild.bundle` runs in the browser; the other modules are
build tools and import PyYAML through the content loader.
"""
