"""Actor coding: names, countries, sectors and ACLED inter codes from real news phrases."""

from __future__ import annotations

import pytest

from eventwire.actors import code_actor, code_inter, load_dictionary, sector_of


def coded(text, **kwargs):
    return code_actor(text, 0, len(text), **kwargs)


@pytest.mark.parametrize(
    "text, country, sector",
    [
        ("Pakistan's air force", "PAK", "MIL"),
        ("Iran", "IRN", "GOV"),
        ("Beijing", "CHN", "GOV"),
        ("Chinese Foreign Ministry spokesperson Mao Ning", "CHN", "GOV"),
        ("Iran's Revolutionary Guard Corps", "IRN", "MIL"),
        ("Nigerian troops", "NGA", "MIL"),
        ("the Kremlin", "RUS", "GOV"),
        ("al-Shabaab fighters", "SOM", "REB"),
    ],
)
def test_country_and_sector(text, country, sector):
    actor = coded(text)
    assert (actor.country, actor.sector) == (country, sector)


def test_state_forces_abroad_are_external():
    actor = coded("Pakistan's air force", event_country="IRN")
    assert actor.acled_inter == 8 and actor.name == "Military Forces of Pakistan"
    assert coded("Pakistan's air force", event_country="PAK").acled_inter == 1


def test_unnamed_actors_take_the_event_country():
    protesters = coded("Demonstrators", event_country="PAK", context_country="PAK")
    assert (protesters.country, protesters.sector, protesters.acled_inter) == ("PAK", "PRO", 6)
    assert protesters.name == "Protesters (Pakistan)"
    gunmen = coded("unidentified gunmen", context_country="MEX")
    assert gunmen.sector == "MIL_NONSTATE" and gunmen.acled_inter == 3 and gunmen.country is None


def test_dictionary_groups():
    bla = coded("The Baluch Liberation Army")
    assert bla.name == "Baloch Liberation Army" and bla.sector == "REB" and bla.acled_inter == 2
    assert coded("Jaish al-Adl").sector == "REB"


def test_armies_named_like_rebels_and_rebels_named_like_armies():
    # a state army whose name reads like a rebel group's, and rebel armies named after a people or a cause
    pla = coded("China's People's Liberation Army")
    assert (pla.name, pla.country, pla.sector) == ("Military Forces of China", "CHN", "MIL")
    assert coded("SPLA-IO fighters").sector == "REB" and coded("the SSPDF").name == "Military Forces of South Sudan"
    epp = coded("members of the Paraguayan People's Army")
    assert (epp.country, epp.sector, epp.acled_inter) == ("PRY", "REB", 2)  # not the military of Paraguay
    assert coded("The Lord's Resistance Army").acled_inter == 2
    assert coded("the Karenni Revolutionary Army").sector == "REB"


def test_identity_militia_and_civilians():
    assert code_inter("MIL_NONSTATE", None, None, "Fulani ethnic militia") == 4
    villagers = coded("villagers", context_country="BFA")
    assert villagers.sector == "CVL" and villagers.acled_inter == 7


def test_user_dictionary_comes_first(tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text("Northern Hawks\tNorthern Hawks Brigade\tSDN\tMIL_NONSTATE\t3\n", encoding="utf-8")
    actor = code_actor("the Northern Hawks", 0, 18, dictionary=load_dictionary(str(user)))
    assert (actor.name, actor.country, actor.acled_inter) == ("Northern Hawks Brigade", "SDN", 3)


def test_sector_words():
    assert sector_of("riot police") == "MIL"
    assert sector_of("students") == "PRO"
    assert sector_of("a local journalist") == "MED"
    assert sector_of("the hideouts") is None


def test_relative_clauses_and_intergovernmental_bodies():
    from eventwire import actors

    # "who" in a relative clause is no World Health Organization
    assert actors.code_actor("villagers who fled", 0, 18).sector == "CVL"
    assert actors.code_actor("the WHO", 0, 7).sector == "IGO"
    # a council or ministers of an intergovernmental body are not a government
    assert actors.code_actor("The Security Council", 0, 20).sector == "IGO"
    assert actors.code_actor("European Community foreign ministers", 0, 36).name == "European Union"
    assert actors.code_actor("The city council", 0, 16).sector == "GOV"


@pytest.mark.parametrize("text, sector", [
    ("Leaders of the Azadliq (Freedom) opposition coalition", "POL"),  # a political coalition
    ("the ruling coalition", "POL"),
    ("the U.S.-led coalition", "MIL"),  # a military one
    ("The UNHCR", "IGO"),
    ("the European Commission", "IGO"),
    ("The International Labour Organization", "IGO"),
    ("the Organization of American States", "IGO"),
])
def test_political_coalitions_and_intergovernmental_bodies(text, sector):
    assert code_actor(text, 0, len(text)).sector == sector
