"""Coding single texts: type, actors, place, date, fatalities, modality, claims.

Sentences written for these tests, in several countries; the publication date is a Thursday
(2021-03-11) unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest

THURSDAY = dt.date(2021, 3, 11)


def kinds(fused) -> list[str]:
    """The sub-event types of a text's events, in order."""
    return [e.sub_event_type for e in fused.events]


def only(fused, sub_event_type):
    found = [e for e in fused.events if e.sub_event_type == sub_event_type]
    assert len(found) == 1, [(e.sub_event_type, e.location, e.event_date) for e in fused.events]
    return found[0]


def test_government_recapture_is_coded_with_place_date_actor_and_claimant(extract):
    fused = extract("Government troops recaptured the town of Khan Shaykhun from rebels on Tuesday, "
                    "the state news agency said.")
    e = only(fused, "Government regains territory")
    assert e.location.startswith("Khan Shaykh") and e.country == "Syria" and e.geo_precision == 1
    assert e.event_date == dt.date(2021, 3, 9) and e.time_precision == 1
    assert e.inter1 == 1 and e.actor1 == "Military Forces of Syria"
    assert e.inter2 == 2
    assert e.claim_status == "reported"


def test_a_capture_by_jihadists_in_another_country_is_a_non_state_takeover_there(extract):
    fused = extract("Jihadist fighters seized the town of Menaka in northern Mali on Monday, a local "
                    "official said.")
    e = only(fused, "Non-state actor overtakes territory")
    assert e.country == "Mali" and e.location == "Menaka"
    assert e.event_date == dt.date(2021, 3, 8)
    # unnamed jihadists: ACLED's "Unidentified Armed Group", until a source names the group
    assert (e.actor1, e.inter1) == ("Unidentified Armed Group (Mali)", 3)


def test_an_operation_to_retake_a_town_is_fighting_not_a_capture(extract):
    fused = extract("The army launched an operation to retake Tal Rifaat on Wednesday.")
    assert not [e for e in fused.events if e.event_type == "Battles" and "territory" in e.sub_event_type]
    e = only(fused, "Armed clash")
    assert e.event_date == dt.date(2021, 3, 10) and e.location.startswith("Tall Rif")


@pytest.mark.parametrize("text", [
    "Rebels vowed to retake Jisr al-Shughur.",
    "The army could capture Jisr al-Shughur within days, officials said.",
    "Militants threatened to attack the town of Menaka in northern Mali.",
    "The army did not capture Jisr al-Shughur, despite heavy losses.",
])
def test_intentions_threats_and_negated_events_produce_no_event(extract, text):
    assert extract(text).events == []


def test_history_with_its_own_year_is_not_dated_at_publication(extract):
    fused = extract("In 2015, the opposition captured the city of Jisr al-Shughur.")
    assert all(e.event_date is None or e.event_date.year == 2015 for e in fused.events)
    assert not [e for e in fused.events if e.event_date and e.event_date.year == 2021]


def test_shelling_deaths_are_the_event_fatalities_and_the_place_is_near_the_town(extract):
    fused = extract("Five soldiers were killed when Houthi rebels shelled an army post near Marib on "
                    "Sunday, a military source said.")
    e = only(fused, "Shelling/artillery/missile attack")
    assert e.fatalities == 5
    assert e.country == "Yemen" and e.location == "Ma'rib" and e.geo_precision == 2
    assert e.event_date == dt.date(2021, 3, 7)
    assert e.actor1 == "Houthis" or e.inter1 == 2


def test_an_air_strike_on_civilians_is_civilian_targeting(extract):
    fused = extract("An air strike killed twelve civilians in the village of Kafr Takharim on Friday, "
                    "according to the White Helmets.")
    e = only(fused, "Air/drone strike")
    assert e.fatalities == 12 and e.inter2 == 7 and e.civilian_targeting == "Civilian targeting"
    assert e.event_date == dt.date(2021, 3, 5)
    assert any("White Helmets" in ev.claimant for ev in e.evidence)


def test_a_natural_disaster_is_not_an_event(extract):
    fused = extract("An earthquake struck Hatay province on Monday, killing 40 people.")
    assert fused.events == []


def test_a_peaceful_march_is_a_protest_by_protesters(extract):
    fused = extract("Thousands of protesters marched in Khartoum on Thursday demanding civilian rule.")
    e = only(fused, "Peaceful protest")
    assert e.inter1 == 6 and e.location == "Khartoum" and e.event_date == THURSDAY


def test_police_arrests_are_arrests_by_state_forces(extract):
    fused = extract("Police arrested 20 opposition activists in Minsk on Saturday.")
    e = only(fused, "Arrests")
    assert e.inter1 == 1 and e.location == "Minsk" and e.event_date == dt.date(2021, 3, 6)


def test_a_denial_in_the_same_article_makes_the_event_contested(extract):
    fused = extract("Rebels captured the town of Kafr Nubl on Monday, activists said.\n\n"
                    "A defence ministry official denied that the town had fallen.")
    e = only(fused, "Non-state actor overtakes territory")
    assert e.claim_status == "contested"
    assert [c.topic for c in fused.contradictions] == ["denial"]


def test_weekday_names_follow_the_news_convention():
    import frontlines
    fused = frontlines.extract("Rebels seized the town of Menaka in northern Mali on Thursday.",
                               published="2021-03-11")
    assert fused.events[0].event_date == THURSDAY
    fused = frontlines.extract("Rebels seized the town of Menaka in northern Mali on Friday.",
                               published="2021-03-11")
    assert fused.events[0].event_date == dt.date(2021, 3, 5)


def test_an_undated_text_gives_events_without_a_date_not_a_guessed_one():
    import frontlines
    fused = frontlines.extract("Rebels seized the town of Menaka in northern Mali on Thursday.")
    assert fused.events and fused.events[0].event_date is None


def test_a_foreign_state_taking_a_town_is_a_non_state_takeover_by_external_forces(extract):
    fused = extract("Russian forces said on Saturday they had captured the eastern city of Bakhmut after "
                    "months of fighting. Ukraine's military denied the claim, saying its troops still held "
                    "positions in the south-western part of the city.", published="2023-05-21")
    e = only(fused, "Non-state actor overtakes territory")
    assert e.country == "Ukraine" and e.actor1 == "Military Forces of Russia" and e.inter1 == 8
    assert e.event_date == dt.date(2023, 5, 20)
    assert e.claim_status == "contested"


def test_a_demonym_names_whose_shelling_it_was(extract):
    fused = extract("Two civilians were killed by Russian shelling in Kherson on Sunday, the regional "
                    "governor said.", published="2023-05-21")
    e = only(fused, "Shelling/artillery/missile attack")
    assert e.actor1 == "Military Forces of Russia" and e.inter2 == 7 and e.fatalities == 2


def test_a_village_named_inside_a_country_is_never_placed_in_another_country(extract):
    fused = extract("Suspected jihadists killed at least 30 civilians in an attack on the village of Moura "
                    "in central Mali on Tuesday, local officials said.", published="2022-03-10")
    assert fused.events and all(e.country == "Mali" for e in fused.events)


def test_storming_a_hotel_in_a_city_is_an_attack_not_a_territorial_change(extract):
    fused = extract("Al-Shabaab militants stormed the Hayat hotel in Mogadishu on Friday, killing at least "
                    "21 people, police said.", published="2022-08-21")
    assert kinds(fused) == ["Attack"]
    assert fused.events[0].location == "Mogadishu" and fused.events[0].fatalities == 21


def test_a_drone_attack_abroad_is_an_air_strike_where_it_landed(extract):
    fused = extract("Houthi rebels launched a drone attack on Saudi Arabia's Abha airport on Sunday, the "
                    "Saudi-led coalition said.", published="2021-02-15")
    e = only(fused, "Air/drone strike")
    assert e.country == "Saudi Arabia" and e.location == "Abha" and e.inter1 == 2


def test_a_protest_dispersed_by_police_is_one_protest_with_intervention(extract):
    fused = extract("Hundreds of people protested in Goma on Friday against the rebel advance, and police "
                    "fired tear gas to disperse them.", published="2022-11-20")
    e = only(fused, "Protest with intervention")
    assert e.inter1 == 6 and e.inter2 == 1 and e.location == "Goma"
    assert len(fused.events) == 1


def test_villages_missing_from_the_gazetteer_fall_back_to_their_anchor_with_a_note(extract):
    fused = extract("Syrian troops patrolled the captured villages of Tell Qarah and Umm Jalal on the "
                    "eastern outskirts of Khan Shaykhun on Tuesday.", published="2021-03-11")
    e = only(fused, "Government regains territory")
    assert e.location.startswith("Khan Shaykh") and e.geo_precision == 2
    assert "Tell Qarah, Umm Jalal: not in the gazetteer; placed near Khan Shaykhun" in e.tags


def test_a_capture_told_with_a_clash_in_the_same_place_stays_a_capture(extract):
    fused = extract("Rebels clashed with government forces in Jisr al-Shughur on Monday. The town was "
                    "retaken on Monday.", published="2021-03-11")
    assert "Non-state actor overtakes territory" in kinds(fused) or \
        "Government regains territory" in kinds(fused)


@pytest.mark.parametrize("weapon", ["an air strike.", "an air strike by government forces.",
                                    "an air-strike by government forces."])
def test_weapon_phrases_are_found_whatever_follows_them(extract, weapon):
    fused = extract(f"Five civilians were killed in Jisr al-Shughur on Monday in {weapon}",
                    published="2021-03-11")
    assert kinds(fused) == ["Air/drone strike"]


def test_a_toll_so_far_is_cumulative_not_one_event(extract):
    fused = extract("Government forces have so far killed 20 rebels in Jisr al-Shughur.", published="2021-03-11")
    assert fused.events == []


def test_acled_style_notes_town_in_brackets_and_fatalities_sentence(extract):
    fused = extract("On 14 June 2022, Ukrainian forces shot down a drone over Mykolaiv (Mykolaiv). "
                    "No casualties were reported.", published=None)
    assert [e.location for e in fused.events] == ["Mykolaiv"]
    fused = extract("On 2 June 2022, al-Shabaab fighters attacked a police post in Garissa (Garissa). "
                    "3 fatalities.", published=None)
    e = fused.events[0]
    assert e.actor1 == "Al-Shabaab" and e.inter1 == 2 and e.fatalities == 3


def test_a_mob_killing_a_suspected_thief_is_mob_violence_not_crime(extract):
    fused = extract("A mob beat to death a man suspected of theft in Kisumu on Sunday, police said.")
    assert kinds(fused) == ["Mob violence"]


def test_people_who_protest_are_protesters_and_a_later_dispersal_is_an_intervention(extract):
    fused = extract("Hundreds of teachers rallied in Lagos on Monday over unpaid salaries. Police fired "
                    "tear gas to disperse them.")
    e = only(fused, "Protest with intervention")
    assert e.actor1 == "Protesters (Nigeria)" and e.actor2 == "Police Forces of Nigeria"
    assert "Civilians (Nigeria)" in e.assoc_actor_1


def test_a_suicide_bomber_makes_an_explosion_a_suicide_bomb(extract):
    fused = extract("A suicide bomber detonated explosives at a checkpoint in Kabul on Tuesday, killing six.")
    assert kinds(fused) == ["Suicide bomb"]


def test_a_town_taken_unopposed_is_a_non_violent_transfer(extract):
    fused = extract("Houthi fighters entered the town of Harib without a fight on Sunday after government "
                    "troops pulled out, residents said.")
    assert "Non-violent transfer of territory" in kinds(fused)
    assert "Non-state actor overtakes territory" not in kinds(fused)


def test_an_irregular_past_and_a_coalition_with_the_army_make_a_government_recapture(extract):
    fused = extract("Government troops and allied militias retook the town of Jawa on Sunday after "
                    "heavy fighting, officials said.", published="2021-03-11")
    assert "Government regains territory" in kinds(fused)


def test_a_town_entered_after_the_other_side_pulled_out_is_a_non_violent_transfer(extract):
    fused = extract("Rebel fighters took control of Menaka on Tuesday after government troops pulled out "
                    "of the town, residents said.", published="2021-03-11")
    assert kinds(fused) == ["Non-violent transfer of territory"]


def test_held_a_sit_in_and_imposed_a_curfew_are_events(extract):
    fused = extract("Dozens of unemployed graduates held a sit-in outside the governor's office in Basra "
                    "on Monday.", published="2021-03-11")
    assert kinds(fused) == ["Peaceful protest"]
    fused = extract("Authorities imposed a curfew in Jos on Tuesday after the clashes.", published="2021-03-11")
    assert "Change to group/activity" in kinds(fused)


def test_seizing_a_weapons_cache_is_disrupted_weapons_use_not_an_attack(extract):
    fused = extract("Soldiers seized a cache of rifles, grenades and mortar rounds in a house in Gao "
                    "on Friday, the army said.", published="2021-03-11")
    assert kinds(fused) == ["Disrupted weapons use"]


def test_figurative_attacks_and_domestic_killings_are_not_events(extract):
    assert extract("Opposition senators attacked the government's budget proposals during a debate "
                   "in Abuja on Tuesday.", published="2021-03-11").events == []
    assert extract("A man stabbed his brother to death in Kano after a domestic quarrel on Monday, "
                   "police said.", published="2021-03-11").events == []


def test_a_failed_attempt_to_retake_a_place_is_fighting_there(extract):
    fused = extract("Government troops tried on Monday to retake the town of Tessalit from rebels but were "
                    "repelled, a local official said.", published="2021-03-11")
    assert kinds(fused) == ["Armed clash"]


def test_history_told_for_context_makes_no_event(extract):
    assert extract("Ten years after gunmen abducted 40 pupils from a school in Kankara, parents told "
                   "reporters on Sunday that six are still missing.", published="2021-03-11").events == []


def test_a_weapon_as_subject_decides_the_type(extract):
    fused = extract("Three suicide bombers struck a crowded market in Maiduguri on Sunday, killing 11 people, "
                    "officials said.", published="2021-03-11")
    assert kinds(fused) == ["Suicide bomb"]
    fused = extract("A roadside bomb hit a minibus near Kandahar on Monday, killing four passengers.",
                    published="2021-03-11")
    assert kinds(fused) == ["Remote explosive/landmine/IED"]


def test_police_and_soldiers_firing_together_are_one_side(extract):
    fused = extract("Police and soldiers fired on protesters in Mandalay on Saturday, killing two, "
                    "witnesses said.", published="2021-03-11")
    e = only(fused, "Excessive force against protesters")
    assert e.actor2 == "Protesters (Myanmar)" and e.fatalities == 2


def test_calm_returning_and_staff_evacuated_are_not_territorial_events(extract):
    assert extract("Calm returned to Tripoli on Saturday as shops reopened, residents said.",
                   published="2021-03-13").events == []
    assert extract("The staff of the hospital in Marib were evacuated on Friday as a precaution.",
                   published="2021-03-13").events == []


def test_a_foreign_army_fighting_beside_the_home_army_regains_for_the_government(extract):
    fused = extract("Rwandan and Mozambican troops recaptured the town of Macomia from insurgents on Sunday "
                    "after heavy fighting, officials said.", published="2021-08-09")
    assert "Government regains territory" in kinds(fused)


def test_court_verdicts_about_past_attacks_are_not_events(extract):
    assert extract("A court in Bamako on Thursday sentenced three men to life imprisonment over an attack on "
                   "a hotel that killed 20 people.", published="2021-03-11").events == []


def test_fighting_that_erupted_between_two_sides_is_a_dated_clash_with_its_dead(extract):
    fused = extract("Heavy fighting erupted between army troops and Ansar Dine militants outside Timbuktu on "
                    "Tuesday, leaving seven soldiers dead.", published="2022-05-12")
    e = only(fused, "Armed clash")
    assert str(e.event_date) == "2022-05-10" and e.fatalities == 7


def test_a_phrase_outranks_its_verb_alone(extract):
    fused = extract("Militiamen sexually assaulted six women in a camp near Bunia on Monday, UN officials said.",
                    published="2022-05-12")
    assert kinds(fused) == ["Sexual violence"]


def test_nominal_and_passive_reports(extract):
    fused = extract("The shelling of Kharkiv's northern districts on Tuesday killed four civilians, the "
                    "regional governor said.", published="2022-05-12")
    e = only(fused, "Shelling/artillery/missile attack")
    assert e.location == "Kharkiv" and e.fatalities == 4 and e.actor2 == "Civilians (Ukraine)"
    fused = extract("An attack on a village near Djibo left 12 civilians dead on Sunday.", published="2022-05-12")
    assert kinds(fused) == ["Attack"]
    fused = extract("Dozens of opposition activists were arrested in Minsk on Sunday, a rights group said.",
                    published="2022-05-12")
    assert only(fused, "Arrests").actor1 == "Police Forces of Belarus"
    fused = extract("Thousands rallied in Tbilisi on Saturday against a proposed law.", published="2022-05-12")
    assert kinds(fused) == ["Peaceful protest"]


def test_an_event_noun_only_praised_or_condemned_is_not_an_event(extract):
    assert extract("The prime minister visited troops in Goma on Tuesday and praised their fight against "
                   "the rebels.", published="2022-05-12").events == []


def test_people_seized_are_abducted_not_a_place_taken(extract):
    fused = extract("Armed men seized a Catholic priest from his parish house in Makurdi on Sunday, police said.",
                    published="2022-05-12")
    assert kinds(fused) == ["Abduction/forced disappearance"]


def test_a_group_that_claims_an_attack_told_before_is_its_actor1(extract):
    fused = extract("Gunmen stormed a hotel in Kabul on Tuesday, killing 12 guests. The Taliban claimed "
                    "the attack in a statement.", published="2020-05-12")
    assert only(fused, "Attack").actor1 == "Taliban"
    fused = extract("Gunmen stormed a hotel in Kabul on Tuesday, killing 12 guests. No group has claimed "
                    "responsibility.", published="2022-05-12")
    assert only(fused, "Attack").actor1 == "Unidentified Armed Group (Afghanistan)"


def test_what_a_weapon_killed_is_its_target_and_a_demonym_names_its_owner(extract):
    fused = extract("A roadside bomb killed four soldiers near Gao on Monday.", published="2022-05-12")
    e = only(fused, "Remote explosive/landmine/IED")
    assert e.actor2 == "Military Forces of Mali" and e.fatalities == 4
    fused = extract("Russian attack drones hit port infrastructure in Odesa early on Wednesday, killing two "
                    "port workers.", published="2022-05-12")
    e = only(fused, "Air/drone strike")
    assert e.actor1 == "Military Forces of Russia" and e.inter1 == 8
    fused = extract("Ukrainian air defences shot down 20 drones launched at Kyiv overnight.", published="2022-05-12")
    assert only(fused, "Disrupted weapons use").actor1 == "Military Forces of Ukraine"


def test_the_side_that_lost_a_place_is_actor2_of_its_capture(extract):
    fused = extract("Iraqi troops raised the national flag over the government compound in Ramadi on Monday "
                    "after driving Islamic State fighters out of the city centre.", published="2022-05-12")
    e = only(fused, "Government regains territory")
    assert e.inter1 == 1 and e.actor2 == "Islamic State" and e.inter2 == 2


def test_a_finite_verb_the_parser_hung_on_a_noun_keeps_the_sentence_subject(extract):
    fused = extract("Protesters angry over a metro fare increase set fire to several metro stations and a bus "
                    "in central Santiago on Friday night.", published="2022-05-12")
    e = only(fused, "Violent demonstration")
    assert e.actor1 == "Rioters (Chile)" and e.inter1 == 5


def test_people_who_gather_or_block_a_road_to_demand_something_are_protesting(extract):
    fused = extract("Hundreds of depositors gathered outside a bank in Sidon on Monday to demand access to "
                    "their savings.", published="2022-05-12")
    assert only(fused, "Peaceful protest").actor1 == "Protesters (Lebanon)"
    fused = extract("Residents blocked the main road in Kaduna on Monday to protest against power cuts.",
                    published="2022-05-12")
    assert kinds(fused) == ["Peaceful protest"]
    fused = extract("Fans gathered outside the stadium in Lagos on Sunday to support their team.",
                    published="2022-05-12")
    assert fused.events == []


def test_acled_notes_name_an_unknown_village_with_its_province_in_brackets(extract):
    fused = extract("On 2 November 2022, soldiers raiding a village in Kyunhla township (Sagaing) raped a "
                    "woman, according to local residents.", published="2022-11-05")
    e = only(fused, "Sexual violence")
    assert e.country == "Myanmar" and e.admin1.startswith("Sagaing")
    assert e.event_date == dt.date(2022, 11, 2) and e.inter1 == 1


def test_an_abbreviation_two_countries_share_is_read_in_the_documents_country(extract):
    fused = extract("On 3 March 2021, SNA troops and allied clan militias entered Bulo Burte (Hiraan) without resistance "
                    "after Al Shabaab militants withdrew from the town.", published="2021-03-05")
    e = only(fused, "Non-violent transfer of territory")
    assert e.actor1 == "Military Forces of Somalia" and e.actor2 == "Al-Shabaab"
    fused = extract("On 3 March 2021, SNA fighters shelled YPG positions near Tal Rifaat (Aleppo).",
                    published="2021-03-05")
    assert only(fused, "Shelling/artillery/missile attack").actor1 == "Syrian National Army"


def test_a_person_placed_under_arrest_is_arrested(extract):
    fused = extract("Police placed two opposition leaders under arrest in Harare on Monday.", published="2022-05-12")
    e = only(fused, "Arrests")
    assert e.actor1 == "Police Forces of Zimbabwe"


@pytest.mark.parametrize("text", [
    "Two buses collided on the highway near Kano on Monday, killing 14 passengers.",
    "At least nine miners died when a gold mine collapsed near Kidal on Sunday.",
    "Lightning strikes killed seven farmers in northern Bangladesh on Thursday.",
    "A man shot dead his neighbour during an argument over a parking space in Monterrey on Sunday.",
    "A court in Nairobi on Friday sentenced two men to prison terms for the 2019 attack on a hotel.",
    "More than 300 civilians have been killed in attacks by armed groups in Niger since January, the UN said.",
])
def test_accidents_crime_courts_and_running_totals_are_not_events(extract, text):
    assert extract(text, published="2022-05-12").events == []


def test_rioters_who_loot_are_rioting(extract):
    fused = extract("Rioters looted shops and set trucks on fire in Durban on Monday.", published="2022-05-12")
    assert [(e.sub_event_type, e.inter1) for e in fused.events] == [("Violent demonstration", 5)]


def test_force_against_the_protest_told_just_before_is_its_intervention_or_excessive_force(extract):
    fused = extract("On 16 July 2024, students demonstrating against job quotas gathered outside the "
                    "university in Rangpur. Police fired live rounds at the demonstrators, killing one student.",
                    published=None)  # an ACLED note: undated, its date in its first sentence
    e = only(fused, "Excessive force against protesters")
    assert len(fused.events) == 1
    assert (e.inter1, e.inter2, e.fatalities, e.event_date) == (1, 6, 1, dt.date(2024, 7, 16))
    fused = extract("On 8 March 2022, several hundred women marched towards the main square in Izmir. Police "
                    "blocked the march and detained 12 participants.", published=None)
    e = only(fused, "Protest with intervention")
    assert len(fused.events) == 1 and (e.inter1, e.inter2) == (6, 1) and e.event_date == dt.date(2022, 3, 8)


def test_chemical_agents_named_anywhere_make_the_strike_a_chemical_weapon_event(extract):
    fused = extract("On 21 September 2016, IS militants fired a shell containing a mustard agent at an airbase "
                    "near Qayyarah (Ninewa), where Iraqi and US troops are stationed.", published=None)
    assert kinds(fused) == ["Chemical weapon"]  # (stationed: no new base)


def test_a_signed_accord_is_an_agreement_and_a_series_of_attacks_is_no_single_event(extract):
    fused = extract("On 3 October 2022, community leaders signed a peace accord in Makurdi (Benue) to end a "
                    "series of reprisal attacks.", published=None)
    assert kinds(fused) == ["Agreement"]


def test_the_weapon_that_killed_names_the_event_and_supporters_who_riot_are_rioters(extract):
    fused = extract("Shelling hit a busy market in Donetsk on Sunday morning, killing 27 people.", published="2022-05-12")
    assert [(e.sub_event_type, e.fatalities) for e in fused.events] == [("Shelling/artillery/missile attack", 27)]
    fused = extract("A tractor hit an anti-tank mine near Snihurivka on Saturday, killing the driver.",
                    published="2022-05-12")
    assert kinds(fused) == ["Remote explosive/landmine/IED"]
    fused = extract("On 1 June 2023, supporters of the opposition leader burned tyres and clashed with security "
                    "forces in Ziguinchor (Ziguinchor) after he was sentenced to prison. 2 rioters were killed "
                    "by gunfire.", published=None)
    assert [(e.sub_event_type, e.inter1, e.fatalities) for e in fused.events] == [("Violent demonstration", 5, 2)]


def test_air_cover_that_backs_another_act_is_no_strike_of_its_own(extract):
    fused = extract("Government troops backed by Russian air cover tried on Wednesday to retake positions near "
                    "Kafr Zita from rebels but were pushed back.", published="2022-05-12")
    assert kinds(fused) == ["Armed clash"]


def test_parties_a_report_leaves_unnamed_take_the_codebooks_defaults(extract):
    fused = extract("A grenade exploded at a bus stop in Mandaue on Sunday, wounding six people.", published="2022-05-12")
    assert only(fused, "Grenade").actor1 == "Unidentified Armed Group (Philippines)"
    fused = extract("Police arrested a prominent rapper in Isfahan on Sunday over his songs.", published="2022-05-12")
    e = only(fused, "Arrests")
    assert (e.inter1, e.actor2) == (1, "Civilians (Iran)")
    fused = extract("The Taliban seized the provincial capital of Kunduz on Sunday.", published="2021-08-10")
    e = only(fused, "Non-state actor overtakes territory")
    assert (e.inter1, e.actor2) == (2, "Military Forces of Afghanistan")


def test_a_government_acting_as_such_is_a_state_actor_but_no_target(extract):
    fused = extract("The Ethiopian government declared a six-month state of emergency in the Amhara region on "
                    "Friday.", published="2022-05-12")
    e = only(fused, "Change to group/activity")
    assert (e.actor1, e.inter1) == ("Government of Ethiopia", 1)


def test_an_event_at_a_place_the_gazetteer_lacks_is_placed_at_the_reports_country_and_says_so(extract):
    fused = extract("Al Shabaab militants attacked a Somali army base in Qaqaanqo village on Tuesday, killing "
                    "three soldiers.", published="2022-05-12")
    assert len(fused.events) == 1
    e = fused.events[0]
    assert (e.country, e.location, e.geo_precision, e.inter1) == ("Somalia", "Somalia", 3, 2)


def test_what_an_agreement_means_to_end_is_no_event_and_a_mob_that_is_no_demonstration_is_mob_violence(extract):
    fused = extract("On 15 March 2023, community leaders signed a peace agreement in Rumbek (Lakes), committing "
                    "to end cattle raids and revenge attacks.", published=None)
    assert kinds(fused) == ["Agreement"]
    fused = extract("A mob set fire to several churches in Jaranwala on Wednesday, police said.", published="2023-08-18")
    assert [(e.sub_event_type, e.inter1) for e in fused.events] == [("Mob violence", 5)]


def test_people_a_foreign_force_detains_are_abducted_and_a_protest_given_as_a_reason_is_no_scene(extract):
    fused = extract("Russian soldiers detained the mayor of Melitopol on Friday and took him to an unknown "
                    "location, Ukrainian officials said.", published="2022-03-12")
    e = only(fused, "Abduction/forced disappearance")
    assert (e.inter1, e.inter2) == (8, 7)
    fused = extract("Security forces arrested a well-known rapper in Isfahan on Sunday over songs supporting "
                    "the protests, his family said.", published="2022-10-31")
    assert kinds(fused) == ["Arrests"]


@pytest.mark.parametrize("text, deaths", [
    ("Israeli warplanes struck apartments in Rafah on Tuesday, killing 3 commanders and 10 civilians.", 13),
    ("Gunmen shot dead a local journalist as he left his home in Salvatierra on Tuesday.", 1),
    ("Regime forces shelled Binnish on Tuesday, killing a woman and her two children.", 3),
    ("Ten policemen and their civilian driver were killed on Wednesday when rebels blew up their vehicle "
     "with an improvised explosive device in Chhattisgarh's Dantewada district.", 11),
    ("ADF rebels hacked to death at least 22 civilians in a village near Oicha on Tuesday.", 22),
])
def test_deaths_named_in_parts_or_one_by_one_add_up(extract, text, deaths):
    fused = extract(text, published="2022-05-12")
    assert [e.fatalities for e in fused.events] == [deaths]


def test_a_village_unknown_to_the_gazetteer_is_not_a_namesake_abroad(extract):
    fused = extract("On 14 June 2022, soldiers set fire to Kin Ma village, Pauk township (Magway), destroying "
                    "about 100 houses.", published=None)
    assert [e.country for e in fused.events] == ["Myanmar"]
    fused = extract("On 13 August 2023, the UN mission withdrew from its camp in Ber (Timbuktu) and handed it "
                    "over to the army.", published=None)
    assert {e.country for e in fused.events} <= {"Mali"}


def test_a_longer_phrase_with_another_reading_outranks_a_shorter_one(extract):
    fused = extract("Hooded demonstrators set up burning barricades and pelted riot police with stones in "
                    "Valparaiso on Tuesday.", published="2022-05-12")
    assert kinds(fused) == ["Violent demonstration"]
    fused = extract("Unidentified gunmen set fire to the electoral commission office in Owerri on Sunday.",
                    published="2022-05-12")
    assert kinds(fused) == ["Looting/property destruction"]


def test_sides_named_between_and_targets_named_by_targeting(extract):
    fused = extract("On 3 May 2023, fighting broke out between the RSF and SAF in Nyala (South Darfur).", published=None)
    e = only(fused, "Armed clash")
    assert {e.actor1, e.actor2} == {"Rapid Support Forces", "Military Forces of Sudan"}
    fused = extract("On 3 May 2022, clashes took place between Fano militia and ENDF in Gondar (Amhara).", published=None)
    assert kinds(fused) == ["Armed clash"]  # (took place: no capture)
    fused = extract("On 3 May 2022, an IED exploded targeting a police vehicle in Quetta (Balochistan), injuring "
                    "3 policemen.", published=None)
    e = only(fused, "Remote explosive/landmine/IED")
    assert (e.inter1, e.actor2) == (3, "Police Forces of Pakistan")


def test_force_against_people_who_had_gathered_is_an_intervention_even_in_a_city_the_ner_mislabels(extract):
    fused = extract("Police fired tear gas and used batons on Wednesday against hundreds of supporters of the former "
                    "prime minister who had gathered outside his Lahore home, witnesses said.", published="2023-03-16")
    e = only(fused, "Protest with intervention")
    assert (e.location, e.inter1, e.inter2) == ("Lahore", 6, 1)


def test_a_government_that_takes_a_town_does_so_through_its_forces(extract):
    fused = extract("The government's capture of Kafr Nabl on Monday ended a month of fighting.", published="2019-02-27")
    assert [(e.sub_event_type, e.actor1) for e in fused.events] == [("Government regains territory", "Military Forces of Syria")]


def test_background_fighting_in_a_sentence_that_names_no_place_is_not_placed_at_the_country(extract):
    fused = extract("A monitor said the rebels had taken the town after fighting that began on Wednesday evening, "
                    "and that Turkish artillery had helped them.", published="2020-02-27")
    assert fused.events == []


def test_a_running_total_told_after_an_event_is_not_its_death_toll(extract):
    fused = extract("Government forces recaptured the town of Kafr Nabl on Monday. Hundreds of people have been killed "
                    "as a result of the assault on the province, which began last November.", published="2020-02-27")
    e = only(fused, "Government regains territory")
    assert e.fatalities == 0


def test_people_the_parser_makes_the_subject_of_their_own_participle_are_still_the_target(extract):
    fused = extract("On 12 October 2021, protesters blocking bridges in Basra (Basra) were fired upon with live "
                    "ammunition by security forces.", published=None)
    e = only(fused, "Excessive force against protesters")
    assert (e.inter1, e.inter2, e.location) == (1, 6, "Basra")


def test_a_former_soldier_shot_at_home_is_a_civilian_victim(extract):
    fused = extract("Gunmen shot dead a former army officer and an ex-soldier at their homes in Kano on Monday.",
                    published="2022-06-08")
    e = only(fused, "Attack")
    assert (e.inter1, e.inter2, e.civilian_targeting) == (3, 7, "Civilian targeting")


def test_a_division_acled_splits_by_compass_places_an_unknown_village(extract):
    fused = extract("On 6 November 2023, the KIA seized the village of Zorbat (Shan-North) after fighting with the "
                    "military.", published=None)
    e = only(fused, "Non-state actor overtakes territory")
    assert (e.country, e.admin1, e.actor1, e.inter1) == ("Myanmar", "Shan State", "Kachin Independence Army", 2)
    fused = extract("On 6 November 2023, the KIA seized the village of Zorbat (Kachin) after fighting with the "
                    "military.", published=None)
    e = only(fused, "Non-state actor overtakes territory")
    assert e.geo_precision == 2 and "Zorbat: not in the gazetteer; placed near Kachin State" in e.tags


@pytest.mark.parametrize("text", [
    "On 4 May 2022, around 80 nurses gathered outside the health ministry in Nairobi (Nairobi) demanding unpaid "
    "allowances.",
    "On 4 May 2022, several hundred people assembled in Bamako (Bamako) in support of the transitional authorities.",
    "On 4 May 2022, hundreds of people marched in Lima (Lima) against the government's handling of the pandemic.",
    "On 4 May 2022, around 100 fishermen staged a demonstration in Chennai (Tamil Nadu) over the arrest of their "
    "colleagues.",
])
def test_a_gathering_told_with_its_purpose_or_its_grievance_is_a_peaceful_protest(extract, text):
    fused = extract(text, published=None)
    assert [(e.sub_event_type, e.inter1) for e in fused.events] == [("Peaceful protest", 6)]


def test_people_gathering_for_a_funeral_are_no_protest(extract):
    fused = extract("On 4 May 2022, hundreds of mourners gathered in Kano (Kano) for the funeral of a local imam.",
                    published=None)
    assert fused.events == []


def test_an_inflected_multiword_cue_is_still_the_cue(extract):
    fused = extract("Russian warplanes carried out air strikes near Idlib on Monday.", published="2021-03-11")
    e = only(fused, "Air/drone strike")
    assert (e.actor1, e.inter1, e.location) == ("Military Forces of Russia", 8, "Idlib")


def test_a_verb_the_parser_reads_as_an_adjective_still_makes_the_event(extract):
    fused = extract("On 3 December 2023, a military drone mistakenly bombed villagers in Kaduna (Kaduna), "
                    "killing 85 people.", published=None)
    e = only(fused, "Air/drone strike")
    assert (e.inter1, e.inter2, e.fatalities, e.country) == (1, 7, 85, "Nigeria")
    fused = extract("Police baton-charged protesters in Lahore on Monday.", published="2023-05-10")
    e = only(fused, "Protest with intervention")
    assert (e.inter1, e.inter2, e.location) == (6, 1, "Lahore")


def test_the_last_name_in_acled_brackets_is_the_province_that_holds_the_place(extract):
    fused = extract("On 3 December 2023, gunmen killed 4 villagers in Tudun Biri (Igabi, Kaduna).", published=None)
    e = only(fused, "Attack")
    assert (e.country, e.admin1) == ("Nigeria", "Kaduna State")


def test_bases_a_force_maintains_are_no_base_established(extract):
    fused = extract("Turkey maintains nine observation posts in Hama province under a 2019 deal.",
                    published="2021-03-11")
    assert fused.events == []


def test_a_place_struck_by_rockets_is_shelled(extract):
    fused = extract("On 30 December 2023, central Belgorod (Belgorod) was struck by rockets fired by Ukrainian "
                    "forces.", published=None)
    assert kinds(fused) == ["Shelling/artillery/missile attack"]


def test_what_violence_followed_is_its_motive_but_what_an_arrest_followed_is_its_reason(extract):
    fused = extract("On 20 August 2023, unknown men threw a grenade at a nightclub in Guayaquil (Guayas) after "
                    "the owner refused to pay extortion money.", published=None)
    assert kinds(fused) == ["Grenade"]
    fused = extract("A man was arrested in Nairobi after he allegedly stabbed his wife to death during a quarrel "
                    "on Sunday, police said.", published="2023-05-10")
    assert fused.events == []


def test_a_man_beaten_on_suspicion_of_smuggling_is_the_victim_of_a_mob(extract):
    fused = extract("On 10 June 2023, a mob beat a man to death near Alwar (Rajasthan) on suspicion of cattle "
                    "smuggling.", published=None)
    assert [(e.sub_event_type, e.fatalities) for e in fused.events] == [("Mob violence", 1)]


def test_property_destroyed_is_property_destruction_unless_a_weapon_destroyed_it(extract):
    fused = extract("On 18 June 2022, JNIM militants destroyed a mobile phone antenna in Diapaga (Est).",
                    published=None)
    assert [(e.sub_event_type, e.inter1) for e in fused.events] == [("Looting/property destruction", 2)]
    fused = extract("On 18 June 2022, a Russian missile destroyed a school in Kharkiv (Kharkiv).", published=None)
    assert kinds(fused) == ["Shelling/artillery/missile attack"]


def test_pakistans_rangers_and_indias_central_police_are_state_forces(extract):
    fused = extract("On 9 May 2023, paramilitary Rangers arrested an opposition leader in Islamabad (Islamabad "
                    "Capital Territory).", published=None)
    assert [(e.sub_event_type, e.inter1) for e in fused.events] == [("Arrests", 1)]


def test_an_abduction_in_which_people_are_killed_is_an_attack_but_an_abduction_alone_stays_one(extract):
    fused = extract("On 16 June 2023, ADF militants attacked a school in Mpondwe (Kasese), killing 42 people and "
                    "abducting 6 others.", published=None)
    assert [(e.sub_event_type, e.fatalities) for e in fused.events] == [("Attack", 42)]
    fused = extract("On 16 June 2023, gunmen abducted 6 villagers near Gusau (Zamfara).", published=None)
    assert kinds(fused) == ["Abduction/forced disappearance"]


def test_what_a_crowd_protests_about_is_no_event_of_its_own(extract):
    fused = extract("On 28 June 2023, on the second night of unrest after the killing of a teenager by a police "
                    "officer, rioters in Nanterre (Ile-de-France) set cars on fire and threw fireworks at police.",
                    published=None)
    assert kinds(fused) == ["Violent demonstration"]


def test_a_crowd_that_turns_violent_before_the_police_step_in_is_a_violent_demonstration(extract):
    fused = extract("On 27 September 2023, students threw stones and set fire to two vehicles in Imphal (Manipur), "
                    "and security forces used tear gas.", published=None)
    e = only(fused, "Violent demonstration")
    assert (e.inter1, e.inter2) == (5, 1)


@pytest.mark.parametrize("text", [
    "On 8 March 2023, several hundred women took part in the Aurat March in Lahore (Punjab) demanding equal pay.",
    "On 13 October 2020, hundreds of young people continued the #EndSARS demonstrations in Abuja (Federal Capital "
    "Territory), demanding police reform.",
    "On 11 November 2023, a very large crowd, estimated by police at around 300,000, marched through London "
    "(England) calling for a ceasefire.",
    "On 9 May 2021, anti-coup demonstrators held a brief protest in Monywa (Sagaing) before dispersing.",
])
def test_protests_joined_continued_counted_by_police_or_ending_on_their_own_are_peaceful(extract, text):
    fused = extract(text, published=None)
    assert [(e.sub_event_type, e.inter1) for e in fused.events] == [("Peaceful protest", 6)]


def test_what_an_event_followed_told_in_its_own_clause_is_its_cause_not_a_second_event(extract):
    fused = extract("Around 10 June 2021 (as reported), Al Shabaab militants set up a new base near Ceel Buur "
                    "(Galgaduud) after government forces withdrew from nearby positions.", published=None)
    assert kinds(fused) == ["Headquarters or base established"]


@pytest.mark.parametrize("text", [
    "Thousands of garment workers blocked a highway in Gazipur on Wednesday demanding a higher minimum wage.",
    "Hundreds of relatives of missing soldiers rallied on Kyiv's Independence Square on Sunday.",
    "Thousands of demonstrators packed Baghdad's Tahrir Square on Friday, calling for the removal of the government.",
])
def test_crowds_that_block_fill_or_rally_in_a_square_with_a_demand_are_protesting(extract, text):
    fused = extract(text, published="2023-05-10")
    assert kinds(fused) == ["Peaceful protest"]


@pytest.mark.parametrize("text, deaths", [
    ("Protesters burning tyres blocked roads and ransacked shops in Port-au-Prince on Monday to demand the "
     "resignation of the prime minister.", 0),
    ("Demonstrators stormed and set fire to the Iranian consulate in Basra on Friday night.", 0),
    ("Supporters of the opposition leader clashed with police and torched vehicles in Dakar on Thursday, and "
     "nine people were killed.", 9),
    ("Protesters stormed the parliament in Nairobi on Tuesday and set part of it on fire, and police fired live "
     "rounds, killing at least five people.", 5),
])
def test_a_demonstration_that_turns_violent_stays_one_violent_demonstration(extract, text, deaths):
    fused = extract(text, published="2023-05-10")
    assert [(e.sub_event_type, e.fatalities) for e in fused.events] == [("Violent demonstration", deaths)]


def test_force_used_on_a_march_is_one_event_of_force_not_a_second_peaceful_protest(extract):
    fused = extract("At least five protesters were shot dead by security forces in Omdurman on Thursday as tens of "
                    "thousands marched against military rule.", published="2023-05-10")
    assert [(e.sub_event_type, e.fatalities) for e in fused.events] == [("Excessive force against protesters", 5)]


def test_a_force_that_enters_a_town_and_takes_a_building_takes_the_town(extract):
    fused = extract("Taliban fighters entered Kabul on Sunday and took over the presidential palace.",
                    published="2021-08-16")
    e = only(fused, "Non-state actor overtakes territory")
    assert (e.location, e.inter1) == ("Kabul", 2)


def test_an_arrest_on_suspicion_of_a_domestic_killing_is_no_political_event(extract):
    fused = extract("A man was arrested in Nakuru on Monday on suspicion of killing his wife after a domestic "
                    "quarrel, police said.", published="2023-05-10")
    assert fused.events == []


def test_a_strike_on_a_named_town_the_gazetteer_lacks_is_placed_at_the_country(extract):
    fused = extract("Malian army drone strikes hit the northern town of Tinzaouaten on Sunday, killing 21 civilians.",
                    published="2024-08-26")
    e = only(fused, "Air/drone strike")
    assert (e.country, e.geo_precision, e.fatalities) == ("Mali", 3, 21)


def test_victims_the_text_names_beat_the_codebooks_default_target(extract):
    fused = extract("A bomb hidden on a parked motorcycle exploded next to a police vehicle in Quetta on Monday, "
                    "killing two policemen.", published="2023-05-10")
    e = only(fused, "Remote explosive/landmine/IED")
    assert (e.inter2, e.fatalities) == (1, 2)


@pytest.mark.parametrize("text", [
    "A roadside bomb killed a district commissioner in Afgooye on Tuesday, police said; Al Shabaab said it "
    "carried out the attack.",
    "A roadside bomb killed a district commissioner in Afgooye on Tuesday, and officials blamed the attack on "
    "Al Shabaab.",
])
def test_the_group_a_source_holds_responsible_in_the_same_sentence_is_the_perpetrator(extract, text):
    fused = extract(text, published="2023-05-10")
    e = only(fused, "Remote explosive/landmine/IED")
    assert (e.actor1, e.inter1) == ("Al-Shabaab", 2)


@pytest.mark.parametrize("text", [
    "On 30 November 2024, the armed movements of the CSP-PSD announced their dissolution and merger at a congress "
    "in Kidal (Kidal).",
    "On 29 October 2024, Hezbollah's Shura council elected Naim Qassem as the group's new secretary-general in "
    "Beirut (Beyrouth).",
])
def test_a_group_that_dissolves_or_takes_a_new_leader_changes_its_group(extract, text):
    fused = extract(text, published=None)
    assert kinds(fused) == ["Change to group/activity"]


def test_deaths_told_after_a_sentence_without_an_event_are_still_the_events(extract):
    fused = extract("On 11 May 2024, the RSF attacked SAF positions on the outskirts of El Fasher (North Darfur). "
                    "Heavy fighting continued throughout the day. At least 12 people were killed.", published=None)
    assert [(e.sub_event_type, e.fatalities) for e in fused.events] == [("Armed clash", 12)]


def test_a_dispersal_with_arrests_told_after_a_protest_is_that_protests_intervention(extract):
    fused = extract("On 21 September 2022, hundreds of people gathered on a boulevard in Tehran (Tehran) in protest at "
                    "the death of a young woman. Riot police used tear gas to disperse them and arrested several "
                    "people.", published=None)
    assert [(e.sub_event_type, e.inter1, e.inter2) for e in fused.events] == [("Protest with intervention", 6, 1)]


def test_tear_gas_that_injures_is_an_intervention_and_force_that_kills_is_excessive(extract):
    fused = extract("On 3 May 2023, police fired tear gas at protesters in Mombasa, injuring several.", published=None)
    assert kinds(fused) == ["Protest with intervention"]
    assert (fused.events[0].inter1, fused.events[0].inter2) == (6, 1)
    fused = extract("On 3 May 2023, police fired tear gas at protesters in Mombasa, killing two.", published=None)
    e = only(fused, "Excessive force against protesters")
    assert kinds(fused) == [e.sub_event_type]
    assert (e.inter1, e.inter2, e.fatalities) == (1, 6, 2)


def test_an_intervention_read_from_its_weapon_puts_the_protesters_first(extract):
    e = only(extract("On 3 May 2023, riot police attacked demonstrators with tear gas in Kisumu.", published=None),
             "Protest with intervention")
    assert (e.inter1, e.inter2) == (6, 1)


def test_a_group_is_coded_as_acled_coded_it_on_the_day_of_the_event(extract):
    before = only(extract("On 3 May 2020, Taliban fighters kidnapped two aid workers in Ghazni.", published=None),
                  "Abduction/forced disappearance")
    assert (before.actor1, before.inter1) == ("Taliban", 2)
    after = only(extract("On 3 May 2023, Taliban fighters detained two women activists in Herat.", published=None),
                 "Arrests")
    assert (after.actor1, after.inter1) == ("Military Forces of Afghanistan (2021-)", 1)
    early = only(extract("On 3 March 2021, the RSF shot dead two men in Nyala.", published=None), "Attack")
    assert (early.inter1, early.fatalities) == (1, 2)


def test_an_explosive_laden_drone_is_an_air_strike_and_an_explosive_laden_car_a_bomb(extract):
    fused = extract("On 3 May 2023, Russian forces hit Kramatorsk with an explosive-laden drone, killing a man.",
                    published=None)
    assert only(fused, "Air/drone strike").fatalities == 1
    fused = extract("On 3 May 2023, an explosive-laden car blew up near a checkpoint in Kismayo, killing 4.",
                    published=None)
    assert only(fused, "Remote explosive/landmine/IED").fatalities == 4


def test_deaths_told_as_a_battles_result_are_the_battles(extract):
    e = only(extract("On 6 May 2023, soldiers clashed with militants near Mandera, killing four of them.",
                     published=None), "Armed clash")
    assert (e.inter1, e.inter2, e.fatalities) == (1, 3, 4)
    fused = extract("On 6 May 2023, soldiers clashed with militants near Mandera, killing two civilians caught "
                    "in the crossfire.", published=None)
    assert kinds(fused) == ["Armed clash"]
    e = only(extract("On 6 May 2023, gunmen attacked a village in Zamfara, killing 12 people.", published=None),
             "Attack")
    assert (e.inter2, e.fatalities) == (7, 12)


def test_a_gathering_that_took_place_drew_a_crowd_or_continued_is_a_protest(extract):
    for text in ("On 8 March 2019, a large march took place in Oran against a fifth term for the president.",
                 "On 8 March 2019, a rally against the reform drew thousands in Oran.",
                 "On 8 March 2019, the sit-in outside the governor's office in Oran continued for a fourth day.",
                 "On 8 March 2019, taxi drivers drove in a procession to city hall in Oran to petition against "
                 "new fees."):
        assert only(extract(text, published=None), "Peaceful protest").location == "Oran", text
    assert extract("On 8 March 2019, an aid convoy reached Oran.", published=None).events == []


def test_acled_spellings_of_divisions_in_brackets_place_the_event(extract):
    e = only(extract("On 22 January 2018, government forces fired rockets carrying chlorine gas into Harasta "
                     "(Rural Damascus), causing cases of suffocation.", published=None), "Chemical weapon")
    assert (e.location, e.admin1) == ("Harasta", "Rif-dimashq")
    e = only(extract("On 17 November 2019, an IED went off as an army patrol passed through the Zuwayr area "
                     "(Salah al-Din), killing an officer.", published=None), "Remote explosive/landmine/IED")
    assert (e.admin1, e.fatalities) == ("Salah ad Din", 1)


def test_what_an_air_arm_or_a_weapon_targets_is_struck_from_the_air_or_from_afar(extract):
    e = only(extract("On 13 March 2024, Ukrainian drones targeted an oil depot in Bryansk.", published=None),
             "Air/drone strike")
    assert (e.location, e.inter1) == ("Bryansk", 8)
    assert only(extract("On 29 March 2022, the Nigerian Air Force struck militant camps near Monguno.",
                        published=None), "Air/drone strike").inter1 == 1
    assert only(extract("On 12 January 2024, coalition aircraft carried out strikes on rebel positions near Marib.",
                        published=None), "Air/drone strike").location == "Ma'rib"
    assert only(extract("On 26 January 2020, rockets targeted the embassy compound in the Green Zone, Baghdad.",
                        published=None), "Shelling/artillery/missile attack").location == "Baghdad"
    assert extract("On 2 May 2022, dock workers went on strike in Mombasa.", published=None).events == []


def test_what_violence_avenges_is_its_motive_not_a_crime_story(extract):
    e = only(extract("On 21 May 2021, rebel combatants killed 5 civilians in Bocaranga in reprisal for alleged "
                     "cattle theft.", published=None), "Attack")
    assert (e.inter2, e.fatalities) == (7, 5)


def test_armed_youths_and_gangs_are_militias_and_a_shootout_is_a_clash(extract):
    e = only(extract("On 16 May 2020, armed youths from one community clashed with youths of another near Bor (Jonglei).",
                     published=None), "Armed clash")
    assert e.inter1 == 4
    e = only(extract("On 18 March 2024, gang members looted and set fire to houses in Carrefour.", published=None),
             "Looting/property destruction")
    assert e.inter1 == 3
    e = only(extract("On 26 September 2021, police surrounded a house in Rueso where insurgents were hiding; the "
                     "shootout that followed left 2 insurgents dead.", published=None), "Armed clash")
    assert e.fatalities == 2
    e = only(extract("On 4 March 2019, militants assaulted an army base near Afgooye with gunfire and mortars.",
                     published=None), "Armed clash")
    assert (e.inter1, e.inter2) == (3, 1)


def test_setting_up_barricades_is_no_base_but_setting_up_a_training_camp_is(extract):
    fused = extract("On 7 July 2018, rioters set up flaming barricades, looted shops and burned cars in Port-au-Prince.",
                    published=None)
    assert kinds(fused) == ["Violent demonstration"]
    assert only(extract("On 3 October 2020, Al Shabaab set up a training camp on the outskirts of Jilib.",
                        published=None), "Headquarters or base established").inter1 == 2


def test_riot_control_gas_dropped_on_soldiers_is_a_chemical_weapon(extract):
    fused = extract("On 18 May 2024, Russian forces dropped grenades filled with CS gas from drones onto Ukrainian "
                    "positions near Orikhiv.", published=None)
    assert kinds(fused) == ["Chemical weapon"]


def test_a_crowd_that_tries_to_take_a_place_riots(extract):
    e = only(extract("On 13 December 2022, demonstrators attempted to take over the airport in Ayacucho, throwing "
                     "rocks at police officers.", published=None), "Violent demonstration")
    assert e.inter1 == 5
    assert only(extract("On 13 December 2022, soldiers attempted to retake Ayacucho but were repelled.",
                        published=None), "Armed clash").inter1 == 1


def test_an_arrest_over_coverage_of_protests_is_no_protest(extract):
    e = only(extract("On 12 October 2022, security agents arrested 2 journalists at their homes in Tabriz over their "
                     "coverage of the ongoing protests.", published=None), "Arrests")
    assert e.inter1 == 1


def test_bombs_that_land_on_a_place_came_from_afar_and_a_projectile_is_shelling(extract):
    e = only(extract("On 21 March 2024, bombs landed on a displacement site near Goma, killing 3 displaced people.",
                     published=None), "Shelling/artillery/missile attack")
    assert e.fatalities == 3
    assert only(extract("On 21 March 2024, a roadside bomb hit a patrol near Goma, killing 3 soldiers.",
                        published=None), "Remote explosive/landmine/IED").fatalities == 3
    assert only(extract("On 7 May 2023, a projectile fired by rebels hit a market in Najran, wounding five people.",
                        published=None), "Shelling/artillery/missile attack").location == "Najran"


def test_what_an_air_arm_fires_comes_from_the_air_and_fired_bombs_are_shelling(extract):
    e = only(extract("On 1 April 2024, Israeli aircraft fired missiles at a building in Mezzeh, Damascus, destroying "
                     "it. 16 people were killed.", published=None), "Air/drone strike")
    assert (e.inter1, e.fatalities) == (8, 16)
    assert only(extract("On 1 April 2024, Russian troops fired missiles at Kharkiv.", published=None),
                "Shelling/artillery/missile attack").inter1 == 8
    assert only(extract("On 17 February 2024, M23 rebels fired bombs at army positions around Sake.", published=None),
                "Shelling/artillery/missile attack").inter1 == 2


def test_a_three_letter_division_in_acled_brackets_places_an_unknown_village(extract):
    e = only(extract("On 17 March 2024, a drone strike hit a gathering in Amasrakad (Gao, Gao), killing 13 civilians.",
                     published=None), "Air/drone strike")
    assert (e.country, e.fatalities) == ("Mali", 13)


def test_a_march_following_shootings_is_a_protest_not_the_shootings(extract):
    fused = extract("On 8 May 2023, tens of thousands of people marched through Novi Sad following two mass "
                    "shootings, demanding the resignation of the interior minister.", published=None)
    assert kinds(fused) == ["Peaceful protest"]


def test_what_followed_a_clash_and_whom_a_killing_calls_protest_leaders_are_read_right(extract):
    fused = extract("On 3 September 2021, soldiers set fire to more than 100 homes in Hakha after clashing "
                    "with local resistance fighters.", published=None)
    assert kinds(fused) == ["Looting/property destruction"]
    e = only(extract("On 3 September 2021, gunmen shot dead a prominent activist outside his home in Karbala, the "
                     "latest in a series of killings of protest leaders.", published=None), "Attack")
    assert e.inter2 == 7


def test_tear_gas_and_detentions_against_a_leaders_supporters_are_an_intervention(extract):
    e = only(extract("On 10 May 2023, police fired tear gas and detained dozens of supporters of the jailed former "
                     "prime minister who tried to reach the square in Islamabad.", published=None),
             "Protest with intervention")
    assert (e.inter1, e.inter2) == (6, 1)


def test_a_groups_own_decision_or_unilateral_ceasefire_is_a_change_of_activity(extract):
    e = only(extract("The National Liberation Army announced on Monday a unilateral ceasefire over the Christmas "
                     "period.", published="2023-12-20"), "Change to group/activity")
    assert (e.country, e.inter1) == ("Colombia", 2)
    e = only(extract("The Kurdistan Workers' Party said on Monday it had decided to disband.", published="2025-05-14"),
             "Change to group/activity")
    assert e.country == "Turkey"
    assert extract("The two rebel groups decided to attack the town of Kidal on Monday.",
                   published="2025-05-14").events == []


def test_a_denial_of_any_strikes_is_no_strike(extract):
    fused = extract("Moscow denied on Friday that Russian aircraft had carried out any strikes near Taftanaz.",
                    published="2020-02-28")
    assert fused.events == []


def test_explosions_heard_in_a_battle_and_an_occupied_town_are_no_events_of_their_own(extract):
    fused = extract("The army and the paramilitary forces fought for control of the airport in Khartoum on Saturday, "
                    "as residents reported gunfire and explosions across the city.", published="2023-04-16")
    assert kinds(fused) == ["Armed clash"]
    assert extract("Ukraine's military said on Thursday it was preparing an operation to retake the occupied town "
                   "of Tokmak.", published="2023-06-01").events == []


def test_police_dismantling_a_protest_camp_is_no_disrupted_weapons_use(extract):
    fused = extract("On 2 May 2024, police dismantled a pro-Palestinian encampment at the university in Los Angeles "
                    "and arrested more than 200 protesters.", published=None)
    assert "Disrupted weapons use" not in kinds(fused)


def test_seized_citizens_are_abducted_a_seized_tanker_takes_no_territory_and_sweeping_into_a_city_does(extract):
    e = only(extract("Armed men seized four U.S. citizens after opening fire on their minivan in Matamoros on Friday.",
                     published="2023-03-05"), "Abduction/forced disappearance")
    assert e.inter2 == 7
    assert extract("Iran's Revolutionary Guards seized the British-flagged oil tanker Stena Impero in the Strait of "
                   "Hormuz on Friday.", published="2019-07-21").events == []
    e = only(extract("Rebels swept into western districts of Aleppo on Friday, a monitor said.", published="2024-11-30"),
             "Non-state actor overtakes territory")
    assert e.inter1 == 2
