"""The MkDocs adapter: it adds the Markdown extensions the pages rely on, and a rebuild under
`mkdocs serve` keeps the last good site while the facts are bad."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from briefing.plugin import REQUIRED_EXTENSIONS, FactsAbort

from conftest import briefing_plugin, cli, moves_project, write_files


def test_missing_markdown_extensions_are_added(mini: Path):
    config = yaml.safe_load((mini / "mkdocs.yml").read_text(encoding="utf-8"))
    config["markdown_extensions"] = ["toc"]  # none of the ones the generated pages need
    (mini / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = cli("--project", str(mini), "build")
    assert result.returncode == 0, result.stderr
    html = (mini / "site/sources/treaty/index.html").read_text(encoding="utf-8")
    assert '<abbr title="Any seat of a regular diplomatic mission.">legation</abbr>' in html  # abbr
    assert "*[legation]" not in html
    timeline = (mini / "site/timeline/index.html").read_text(encoding="utf-8")
    assert 'id="meeting"' in timeline and "{ #meeting }" not in timeline  # attr_list
    assert 'class="footnote-ref"' in timeline  # footnotes
    assert "<table>" in (mini / "site/sources/index.html").read_text(encoding="utf-8")  # tables
    assert "\\-" not in (mini / "site/index.html").read_text(encoding="utf-8")  # escapeall: escapes vanish


@pytest.fixture(scope="module")
def folded_timeline(tmp_path_factory) -> str:
    """A timeline page whose background is folded before its close-up (conftest.moves_project)."""
    from briefing.facts.validate import load_graph
    from briefing.site import build_site

    project = moves_project(tmp_path_factory.mktemp("folded"), ["testland", "otherland"])
    page = build_site(load_graph(project / "facts", project / "seeds")).pages["timeline.md"]
    assert "<details" in page
    return page


@pytest.mark.parametrize("extension", REQUIRED_EXTENSIONS)
def test_every_required_extension_is_needed_by_the_pages(site, folded_timeline, extension: str):
    """Converting the mini site's pages (and a timeline with a folded background) without one of the
    required extensions changes what they show (a footnote, a tooltip, an anchor, a table, an escaped
    character or the Markdown inside the fold would come out as raw syntax)."""
    import markdown

    def html(extensions: list[str]) -> list[str]:
        return [markdown.markdown(text, extensions=extensions) for text in [*site.pages.values(), folded_timeline]]

    assert html(list(REQUIRED_EXTENSIONS)) != html([e for e in REQUIRED_EXTENSIONS if e != extension])


def _rebuild(project: Path):
    config = load_config(str(project / "mkdocs.yml"))
    instance = briefing_plugin(config)
    instance.on_config(config)
    return instance


def test_serving_keeps_the_last_good_site_and_logs_the_problems(mini: Path, caplog):
    config = load_config(str(mini / "mkdocs.yml"))
    instance = briefing_plugin(config)
    instance.on_startup(command="serve", dirty=False)
    instance.on_config(config)
    good = instance.site
    write_files(mini, {"facts/events.yaml": (mini / "facts/events.yaml").read_text(encoding="utf-8")
                       .replace("date: 2025-11-03", "date: 2025-13-03")})
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.briefing"):
        assert _rebuild(mini).site is good
    [record] = caplog.records
    assert "facts/events.yaml:2:9: error: events[0].date: '2025-13-03' has month 13" in record.getMessage()
    assert "still serving the last good version" in record.getMessage()


def test_building_stops_on_bad_facts(mini: Path):
    config = load_config(str(mini / "mkdocs.yml"))
    instance = briefing_plugin(config)
    instance.on_startup(command="build", dirty=False)
    write_files(mini, {"facts/people.yaml": "- id: x\n  name: [unclosed\n"})
    with pytest.raises(FactsAbort) as exc:
        instance.on_config(config)
    assert exc.value.problems.items[0].file == "facts/people.yaml"


def test_builds_reuse_compiled_templates_and_compile_an_edited_one(tmp_path: Path, monkeypatch):
    # MkDocs makes a new Jinja environment for each build (each edition, each serve rebuild): the theme's
    # templates come compiled from the plugin's cache, and a template edited since is compiled again (its
    # source's checksum)
    import jinja2

    from briefing.compiled import TemplateCache

    (tmp_path / "page.html").write_text("one {{ x }}", encoding="utf-8")
    cache = TemplateCache()
    compiled: list[str] = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(str(name))
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)

    def render() -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)
        return env.get_template("page.html").render(x=1)

    assert render() == "one 1" and compiled == ["page.html"]
    assert render() == "one 1" and compiled == ["page.html"]  # a new environment: not compiled again
    (tmp_path / "page.html").write_text("two {{ x }}", encoding="utf-8")
    assert render() == "two 1" and compiled == ["page.html", "page.html"]
    # a new process (a new cache, nothing in memory) reads it compiled from disk; without the disk layer it compiles
    cache = TemplateCache()
    assert render() == "two 1" and compiled == ["page.html", "page.html"]
    cache = TemplateCache(disk=False)
    assert render() == "two 1" and compiled == ["page.html", "page.html", "page.html"]
    # the plugin keeps one such cache for the process, and gives it to each build's environment: each of a serve's
    # rebuilds, and each edition of a build
    from briefing.plugin import BriefingPlugin

    plugin = BriefingPlugin()
    plugin.on_startup(command="serve", dirty=True)
    assert isinstance(plugin.compiled, TemplateCache)
    plugin.on_startup(command="build", dirty=False)
    assert isinstance(plugin.compiled, TemplateCache)
