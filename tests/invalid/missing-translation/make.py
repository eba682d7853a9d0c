from pathlib import Path


def make(project: Path) -> None:
    """A claim and a quote left without their Spanish."""
    path = project / "facts" / "events.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('      es: "La disputa es el último episodio de un largo conflicto."\n', "", 1)
    spanish_quote = "En opinión del periódico, la disputa es el último episodio de un largo conflicto."
    text = text.replace(f'          es: "{spanish_quote}"\n', "", 1)
    path.write_text(text, encoding="utf-8")
