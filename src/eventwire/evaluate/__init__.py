"""Evaluators: score eventwire's stages against public annotated data."""

from __future__ import annotations


def format_report(report: dict, indent: int = 0) -> str:
    """A readable rendering of an evaluation report (nested dicts of figures).

    Floats print with 3 decimals; nested dicts indent; lists of dict rows become lines.
    """
    lines: list[str] = []
    pad = "  " * indent
    for key, value in report.items():
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines.append(format_report(value, indent + 1))
        elif isinstance(value, float):
            lines.append(f"{pad}{key}: {value:.3f}")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{pad}{key}:")
            for row in value:
                lines.append(pad + "  " + "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()))
        else:
            lines.append(f"{pad}{key}: {value}")
    return "\n".join(line for line in lines if line)
