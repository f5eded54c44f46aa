"""Built-in module 'dos_donts':

The four Do's & Don'ts and the four-point checklist, rated as statements.

Registered through the `ccassess` entry-point group like any third-party plugin; the content
is the YAML file beside this one.
"""

from pathlib import Path

from ccassess import hookimpl

CCASSESS_PLUGIN_API = "1.0"
MODULE_FILE = Path(__file__).with_name("module.yaml")


@hookimpl
def ccassess_modules() -> list[Path]:
    return [MODULE_FILE]
