"""Stage 1, load: the records of a data/ folder (files.py), each YAML file read with the line of
every value (yaml_lines.py), and the dates of their last and first commits (git_dates.py)."""
from .files import display_name, gc_paused, load_data
from .yaml_lines import DATE_KEYS

__all__ = ["DATE_KEYS", "display_name", "gc_paused", "load_data"]
