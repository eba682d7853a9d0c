from pathlib import Path


def make(project: Path) -> None:
    """An event's translation as a string (it has two translated texts), a claim's as a mapping, and a
    mapping key that is no translated text of its record."""
    path = project / "facts" / "events.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  es: {title: Las conversaciones se reanudarán}\n",
                        "  es: Las conversaciones se reanudarán\n", 1)
    text = text.replace('      es: "La reunión tuvo lugar el 3 de noviembre de 2025."\n',
                        '      es: {text: "La reunión tuvo lugar el 3 de noviembre de 2025."}\n', 1)
    text = text.replace("  es: {title: Otherland rechaza las conversaciones}\n",
                        "  es: {title: Otherland rechaza las conversaciones, date: noviembre de 2025}\n", 1)
    path.write_text(text, encoding="utf-8")
