"""The README's promises that code can check: every setting is documented, the commands it names exist."""

from __future__ import annotations

import re
from pathlib import Path

from oversight_db.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_setting_is_in_the_configuration_table() -> None:
    # Grouped rows write siblings as `_SUFFIX` after a full `OVERSIGHT_...` name.
    missing = [
        name
        for name in Settings.model_fields
        if f"OVERSIGHT_{name.upper()}" not in README and not re.search(rf"`_{name.upper()}`", README)
    ]
    assert not missing, f"settings missing from README's configuration table: {missing}"


def test_the_make_targets_the_readme_names_exist() -> None:
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text()
    for target in set(re.findall(r"`make (\w+)`", README)):
        assert re.search(rf"^{target}:", makefile, re.M), (
            f"README names `make {target}` but the Makefile has none"
        )


def test_every_benchmark_has_the_main_make_bench_calls() -> None:
    import importlib
    import pkgutil

    import tests.perf

    names = [m.name for m in pkgutil.iter_modules(tests.perf.__path__) if m.name.startswith("bench_")]
    assert names
    for name in names:
        module = importlib.import_module(f"tests.perf.{name}")
        assert callable(getattr(module, "main", None)), f"tests/perf/{name}.py has no main() for `make bench`"
