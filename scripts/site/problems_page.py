"""What `mkdocs serve` shows while the data set does not validate (plugin.py: serve_problems): one
plain page that lists every problem as `file:line: message`. Written only by the development
server, never published: MkDocs adds its live-reload script to it, so the browser comes back to
the site by itself once the problems are fixed."""
from __future__ import annotations

from ..model.messages import counted, language, say
from ..model.problems import Problem
from ..render.environment import environment


def problems_page(problems: list[Problem], site_name: str) -> str:
    """The page, in the language of the build's messages."""
    count = counted(len(problems), "problem")
    return environment().get_template("problems.html").render(
        problems=problems, lang=language(), title=say("page.title", problems=count, site=site_name),
        heading=say("page.heading", problems=count), intro=say("page.intro"))
