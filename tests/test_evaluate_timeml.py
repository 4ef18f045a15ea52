"""The TimeML evaluator: reading .tml files, relaxed matching, value accuracy and value F1."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.errors import EventwireError
from eventwire.evaluate import timeml

SAMPLE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>wsj_test</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1989-10-26" temporalFunction="false" functionInDocument="CREATION_TIME">10/26/89</TIMEX3></DCT>
<TEXT>
Acme Corp. said <EVENT eid="e1" class="OCCURRENCE">third-quarter</EVENT> profit fell.
Profit fell <TIMEX3 tid="t1" type="DATE" value="1989-10-25" temporalFunction="true" anchorTimeID="t0">yesterday</TIMEX3> and
rose <TIMEX3 tid="t2" type="DATE" value="1988" temporalFunction="true" anchorTimeID="t0">a year ago</TIMEX3>
after <TIMEX3 tid="t3" type="DURATION" value="P9M" temporalFunction="false">the first nine months</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_timeml_strips_tags_and_keeps_offsets(tmp_path):
    path = tmp_path / "wsj_test.tml"
    path.write_text(SAMPLE)
    doc = timeml.read_timeml(path)
    assert doc.id == "wsj_test" and doc.date == date(1989, 10, 26)
    assert [t.text for t in doc.timexes] == ["yesterday", "a year ago", "the first nine months"]
    for gold in doc.timexes:
        assert doc.text[gold.start:gold.end] == gold.text
    assert "<EVENT" not in doc.text and "third-quarter profit fell" in doc.text


def test_scores_on_a_small_file(tmp_path):
    path = tmp_path / "wsj_test.tml"
    path.write_text(SAMPLE)
    result = timeml.evaluate_timeml([tmp_path])
    overall = result["ALL"]
    assert result["documents"] == 1 and overall["gold"] == 3
    # 'third-quarter' is tagged by the system but not annotated here: a false positive
    assert overall["matched"] == 3 and overall["system"] == 4
    assert overall["precision"] == pytest.approx(0.75) and overall["recall"] == 1.0
    assert overall["value_f1"] == pytest.approx(overall["f1"] * overall["value_accuracy"])
    assert "DURATION" in timeml.format_report(result)


def test_relaxed_matching_pairs_overlaps_one_to_one():
    gold = [timeml.GoldTimex("late Monday", 0, 11, "DATE", "x"), timeml.GoldTimex("Monday", 20, 26, "DATE", "y")]
    system = [timeml.GoldTimex("Monday", 5, 11, "DATE", "x")]
    pairs = timeml._match(gold, system)
    assert len(pairs) == 1 and pairs[0][0] is gold[0]


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(EventwireError):
        timeml.evaluate_timeml([tmp_path / "nope"])
    with pytest.raises(EventwireError):
        timeml.evaluate_timeml([tmp_path])  # no .tml inside


def test_runs_on_real_timebank_files(shared_data):
    folder = shared_data / "timeml" / "TimeBank"
    files = sorted(folder.glob("*.tml"))[:3]
    if not files:
        pytest.skip(f"no TimeBank files under {folder}")
    errors: list = []
    result = timeml.evaluate_timeml(files, errors=errors)
    assert result["documents"] == 3
    overall = result["ALL"]
    assert overall["gold"] > 10
    # a minimum-score gate on real data (full-corpus figures are in docs/evaluation.md)
    assert overall["f1"] > 0.7 and overall["value_accuracy"] > 0.6
    assert all(e["kind"] in ("value", "missed", "spurious") for e in errors)


def test_cli_prints_the_figures(tmp_path):
    from click.testing import CliRunner

    from eventwire.cli import main

    path = tmp_path / "wsj_test.tml"
    path.write_text(SAMPLE)
    outcome = CliRunner().invoke(main, ["evaluate", "timeml", str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    assert "value_f1" in outcome.output or "val.F1" in outcome.output
