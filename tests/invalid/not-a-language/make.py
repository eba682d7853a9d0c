from pathlib import Path


def make(project: Path) -> None:
    """A claim translated into French, a language the briefing does not declare."""
    path = project / "facts" / "events.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('    - text: The meeting took place on 3 November 2025.\n',
                                 '    - text: The meeting took place on 3 November 2025.\n'
                                 '      fr: La réunion a eu lieu le 3 novembre 2025.\n', 1), encoding="utf-8")
