"""MkDocs adapter: publish the open data (data/exempel.json, data/case.schema.json,
data/exempel.csv, feed.xml) made by goda_exempel.export from the validated cases, and the
catalogue's selection file (hitta-exempel/urval.json, goda_exempel.selection) with them.

The files join MkDocs' own file collection (on_files) instead of being written after the
build: MkDocs then copies them into the site, `mkdocs serve` serves them, and strict mode
checks every link to them (docs/om.md links all four).
"""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from goda_exempel import neutral
from goda_exempel.errors import format_problems
from goda_exempel.validate import validate_dir


def on_files(files, config):
    root = Path(config.config_file_path).parent
    result = validate_dir(root / "examples", root)  # hooks/cases.py has already stopped a bad build
    if not result.ok:
        raise PluginError(f"{len(result.problems)} fel i exemplen:\n{format_problems(result.problems)}")
    for path, content in neutral.site_files(result.cases, config.site_url, config.site_name).items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} finns redan; filen skapas av exporten. Ta bort den ur docs/.")
        files.append(File.generated(config, path, content=content))
    return files
