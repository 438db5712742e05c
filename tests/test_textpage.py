"""The plain-text page cleaner: body vs. boilerplate, and the metadata around the body.

The pages below are fictional, written for these tests in the layouts that copy-pasted news
pages have (menus, bylines, datelines, related lists inside the body, comments, cookie banners).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.errors import MediakitError
from mediakit.load.textpage import PageParts, clean_text_page

BYLINE_TOP = """\
We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.
Accept
Home
News
Politics
Business
Sport
Culture
Harbour town votes to rebuild its flooded sea wall

By Helen Marsh and Tomas Ruiz
Published: 2023-06-06 14:05

Residents of Port Aldern voted on Tuesday to spend four million pounds on a new sea wall, two winters after storms flooded the old quay.

The council had warned that the existing wall, built in the 1890s, could fail in a strong surge, and that insurers were no longer willing to cover shops along the front.

Read also: Coastal towns count the cost of a wet winter

"We cannot keep patching a wall that is older than anyone in this room," the council leader, Mary Oduya, told the meeting.

Opponents said the money would be better spent on moving the most exposed homes further inland, and some questioned whether the estimate was realistic.

Work is expected to begin next spring and to last about eighteen months.

Share this article
Facebook
Twitter
Email
Comments
Jim from Kent
2 hours ago
About time too, the quay has been a mess for years and everybody in town knows it.
Reply
Sandra P.
1 hour ago
I hope they remember the fishermen who need access to the slipway during the works.
Reply
Most read
Storm warning issued for the west coast
Local bakery wins national bread award
Council tax to rise by three per cent
© 2023 Aldern Gazette. All rights reserved.
Privacy policy | Terms of use | Cookie settings
"""

AGENCY_BYLINE = """\
World | Europe | Asia | Americas | Africa
Science

Glacier retreat in the Alps speeds up, survey finds
Photo: Alpine Survey Group

Lena Vogt, Reuters
June 6, 2023

ZURICH - Glaciers in the Alps lost more ice last year than in any year since records began, a survey of two hundred sites published on Monday showed.

The survey's authors said that a hot summer and a winter with little snow had combined to expose ice that is usually protected until late August.

Several small glaciers have already split into separate fields of ice, and researchers said they expected some of them to vanish within a decade.

Subscribe to our daily newsletter
Related stories
Ski resorts look to summer tourism as snow dwindles
Melting ice reveals wartime aircraft in mountain pass
Copyright 2023 Example Newswire Ltd. All rights reserved.
"""

NO_TITLE = """\
The city's oldest cinema will close at the end of the month, its owners said on Friday, after years of falling ticket sales.

The building, which opened in 1926, will be sold to a developer who plans to keep its facade and turn the hall into flats.

Regular visitors said they were sad but not surprised, and a group of volunteers has started a campaign to save the projection room as a small museum.
"""

STAFF_WRITER = """\
Menu
Search
Sign in
Tech
Start-up raises funds to build cheaper heat pumps
Written by Omar Haddad | Staff writer
06.06.2023 1:57

A young company that designs small heat pumps for flats said it had raised twelve million euros from investors, and would use the money to open a factory next year.

Its founders say the units can be fitted in a day because they hang on a balcony rather than standing in a garden, which most city flats do not have.

Analysts said the market was crowded, but that demand from landlords facing new efficiency rules was likely to keep growing for several years.
"""

POSTED_BY = """\
Skip to content
The Valley Ledger
Local
Schools
Opinion
School bus routes to change after bridge closure
Posted by Dana Whitfield on March 3, 2022

Parents in the northern villages will need to bring children to new pick-up points from Monday, while the old bridge is repaired.

The transport office said it had chosen points that are lit at night and have room for cars to stop safely off the road.

A temporary timetable has been sent to every family, and drivers will carry printed copies for the first two weeks.

Tags: transport, schools, bridge
Leave a comment
Your email address will not be published. Required fields are marked *
"""


def test_byline_at_top_date_and_cookie_banner():
    parts = clean_text_page(BYLINE_TOP)
    assert parts.title == "Harbour town votes to rebuild its flooded sea wall"
    assert parts.author == "Helen Marsh, Tomas Ruiz"
    assert parts.published == datetime(2023, 6, 6, 14, 5)
    assert parts.outlet == "Aldern Gazette"
    assert parts.paragraphs[0].startswith("Residents of Port Aldern voted")
    assert parts.paragraphs[-1] == "Work is expected to begin next spring and to last about eighteen months."
    assert len(parts.paragraphs) == 5


def test_read_also_inside_body_and_comments_are_removed():
    parts = clean_text_page(BYLINE_TOP)
    body = "\n".join(parts.paragraphs)
    assert "Read also" not in body
    assert "About time too" not in body  # a reader comment, not the article
    assert "cookies" not in body
    assert "Read also: Coastal towns count the cost of a wet winter" in parts.boilerplate
    assert "Local bakery wins national bread award" in parts.boilerplate
    assert any("cookies" in line for line in parts.boilerplate)


def test_agency_byline_photo_credit_and_related_list():
    parts = clean_text_page(AGENCY_BYLINE)
    assert parts.title == "Glacier retreat in the Alps speeds up, survey finds"
    assert parts.author == "Lena Vogt"
    assert parts.published == datetime(2023, 6, 6)
    assert parts.outlet == "Example Newswire Ltd"
    assert len(parts.paragraphs) == 3
    assert parts.paragraphs[0].startswith("ZURICH - Glaciers in the Alps")
    assert "Photo: Alpine Survey Group" in parts.boilerplate
    assert "Ski resorts look to summer tourism as snow dwindles" in parts.boilerplate


def test_page_without_a_title_line():
    parts = clean_text_page(NO_TITLE)
    assert parts.title is None
    assert len(parts.paragraphs) == 3
    assert parts.boilerplate == []


def test_staff_writer_byline_and_dotted_date():
    parts = clean_text_page(STAFF_WRITER)
    assert parts.title == "Start-up raises funds to build cheaper heat pumps"
    assert parts.author == "Omar Haddad"
    assert parts.published == datetime(2023, 6, 6, 1, 57)
    assert parts.section == "Tech"
    assert len(parts.paragraphs) == 3


def test_posted_by_and_comment_form():
    parts = clean_text_page(POSTED_BY)
    assert parts.title == "School bus routes to change after bridge closure"
    assert parts.author == "Dana Whitfield"
    assert parts.published == datetime(2022, 3, 3)
    assert len(parts.paragraphs) == 3
    assert not any("Tags" in p or "comment" in p for p in parts.paragraphs)


def test_bare_time_is_not_a_date():
    parts = clean_text_page("Quiet day\n\n1:57\n\n" + NO_TITLE)
    assert parts.published is None


def test_template_lines_from_other_pages_are_removed():
    promo = "Our reporters have covered this valley for more than a hundred years, and we rely on you."
    page = POSTED_BY.replace("Tags:", promo + "\n\nTags:")
    assert promo in clean_text_page(page).paragraphs
    template = Counter({promo: 5})
    parts = clean_text_page(page, template=template)
    assert promo not in parts.paragraphs
    assert promo in parts.boilerplate


def test_load_article_goes_through_the_cleaner(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(AGENCY_BYLINE, encoding="utf-8")
    art = mk.load_article(path)
    assert art.title == "Glacier retreat in the Alps speeds up, survey finds"
    assert art.text.count("\n\n") == 2
    assert "Related stories" in art.boilerplate


def test_editor_line():
    page = STAFF_WRITER + "\nEditor Paula Jensen\n"
    assert clean_text_page(page).editor == "Paula Jensen"


def test_empty_and_blank_pages():
    for text in ("", "\n\n\n", "   "):
        parts = clean_text_page(text)
        assert parts.paragraphs == [] and parts.title is None


def test_pathological_inputs_finish():
    # linear-time patterns: these would hang with a backtracking regex (timed in benchmarks)
    for text in ("a" * 100_000, '"' * 100_000, "NATO " * 20_000, "By " * 30_000,
                 ("© 2023 " * 10_000) + "\n", "1.1." * 20_000, "x\n" * 5_000):
        assert isinstance(clean_text_page(text), PageParts)


def _collapse(s: str) -> str:
    return " ".join(s.split())


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_gives_page_parts_with_body_from_the_input(text):
    parts = clean_text_page(text)
    assert isinstance(parts, PageParts)
    flat = _collapse(text)
    for p in parts.paragraphs:
        assert p and p in flat
    n_lines = sum(1 for line in text.split("\n") if line.strip())
    assert len(parts.paragraphs) + len(parts.boilerplate) == n_lines


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "Home", "Subscribe to our newsletter", "By Ann Lee", "June 6, 2023", "",
    "The river rose by two metres overnight, and the road to the village was closed.",
    "Officials said they expected the water to fall again by the end of the week.",
    "Read also", "Most popular", "© 2023 The Daily Example. All rights reserved.",
    "A short headline about something", "Comments", "Reply",
]), max_size=40))
def test_page_like_inputs_keep_order_and_lose_nothing(lines):
    text = "\n".join(lines)
    parts = clean_text_page(text)
    kept = [line for line in lines if line in parts.paragraphs]
    assert parts.paragraphs == [p for p in kept if p] or len(set(kept)) < len(kept)
    assert len(parts.paragraphs) + len(parts.boilerplate) == sum(1 for x in lines if x.strip())


def _page_with_byline(byline: str) -> str:
    return "Menu\nSearch\nTrain fares to rise in spring\n" + byline + "\n\n" + NO_TITLE


def test_byline_names_are_cleaned():
    cases = {
        "By Meg JamesStaff Writer": "Meg James",  # a role glued on by the layout
        "By Rachael Link, MS, RD": "Rachael Link",  # credentials
        "By Sandee LaMotte, CNN": "Sandee LaMotte",  # outlet after the name; LaMotte kept whole
        "by KARIN OSTLUND": "Karin Ostlund",
        "By Joseph Tsidulko November 19, 2019, 02:47 PM EST": "Joseph Tsidulko",
        "By JOHN SMITH and MARY JONES Associated Press": "John Smith, Mary Jones",
    }
    for line, name in cases.items():
        assert clean_text_page(_page_with_byline(line)).author == name, line


def test_no_author_from_a_sentence_starting_with_by():
    parts = clean_text_page(_page_with_byline("By then, nobody was left in the square."))
    assert parts.author is None


def test_outlet_from_copyright_line_drops_years():
    page = NO_TITLE + "\n© Example Daily 2003-2019\n"
    assert clean_text_page(page).outlet == "Example Daily"


def test_table_of_figures_inside_the_body_is_kept():
    table = "Pos. Driver Points Wins\n1 Ana Costa 412 3\n2 Lee Park 398 2\n3 Tom Vidal 371 1\n"
    page = ("League table after round ten\n\n"
            "The title race tightened on Sunday after the leader finished only fourth in the rain.\n\n"
            "Standings after ten of twelve rounds:\n\n" + table + "\n"
            "Two rounds remain, both on street circuits where the leader has never won before.\n")
    parts = clean_text_page(page)
    assert "1 Ana Costa 412 3" in parts.paragraphs
    assert parts.paragraphs[-1].startswith("Two rounds remain")


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.binary(max_size=300),
                 st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)))
def test_parse_article_text_never_crashes(raw):
    try:
        art = mk.parse_article(raw, format="text")
    except MediakitError:
        return
    assert isinstance(art.text, str)
    art.text.encode("utf-8")
    assert "\n\n\n" not in art.text


def test_bulleted_list_in_body_is_kept_but_a_link_box_is_not():
    page = (
        "Menu\nNews\nWhat the new recycling rules mean for you\n\n"
        "From next month the council will collect food waste every week, and the bins will change colour.\n\n"
        "Here is what changes for households:\n\n"
        "Food waste goes in the small green caddy\nGlass is collected every second week\n"
        "Garden waste needs a paid permit\n\n"
        "More From Our Newsroom\n"
        "Council Approves New Cycle Lanes On The High Street\nLocal School Wins Regional Chess Title\n"
        "Museum Reopens After Two Years Of Repairs\n\n"
        "Residents who are unsure can call the council, which has set up a helpline for the first month.\n"
    )
    parts = clean_text_page(page)
    assert "Glass is collected every second week" in parts.paragraphs
    assert "Here is what changes for households:" in parts.paragraphs
    assert "Local School Wins Regional Chess Title" in parts.boilerplate
    assert parts.paragraphs[-1].startswith("Residents who are unsure")


def test_load_corpus_removes_lines_shared_by_a_sites_pages(tmp_path):
    promo = ("Our newsroom has reported on this valley for more than a century, and your support "
             "keeps local reporting alive.")
    bodies = [
        "The bridge on Mill Road will close for repairs from Monday, the highways office said.",
        "A new bakery opened on the square on Saturday, and the queue reached the post office.",
        "The school choir won the county competition for the third year running on Friday.",
        "Heavy rain flooded two farms near the river overnight, but nobody was hurt, police said.",
    ]
    for k, body in enumerate(bodies):
        page = f"Menu\nLocal\nHeadline number {k + 1} for the valley\n\n{body}\n\n{body} Again.\n\n{promo}\n"
        (tmp_path / f"page{k}.txt").write_text(page, encoding="utf-8")
    df = mk.load_corpus(tmp_path)
    assert len(df) == 4
    assert not df["text"].str.contains("newsroom has reported").any()
    assert df["text"].str.contains("Mill Road").any()
    alone = mk.load_article(tmp_path / "page0.txt")  # one page alone: no way to know
    assert promo in alone.text


CHINESE = """\
首页
新闻
体育
城市公园下月重新开放

本市最大的城市公园经过两年的修缮，将于下个月重新向市民开放。管理部门表示，新的步道和照明设施已经全部完工。

公园内的湖泊也进行了清理，工作人员在湖边种植了大量本地树木，希望吸引更多鸟类回到这里栖息。

市民可以在开放当天免费参观，管理部门建议大家乘坐公共交通前往，以免周边道路拥堵。

版权所有 © 2023 示例日报
"""

GREEK = """\
Αρχική
Ειδήσεις
Νέα γραμμή λεωφορείου για το λιμάνι

Μια νέα γραμμή λεωφορείου θα συνδέει από τη Δευτέρα το κέντρο της πόλης με το λιμάνι, ανακοίνωσε ο δήμος.

Τα δρομολόγια θα ξεκινούν κάθε είκοσι λεπτά από τις έξι το πρωί μέχρι τα μεσάνυχτα, όλες τις ημέρες της εβδομάδας.

Οι κάτοικοι της περιοχής ζητούσαν εδώ και χρόνια καλύτερη σύνδεση, καθώς πολλοί εργάζονται στα πλοία και στις αποθήκες.
"""


def test_chinese_page():
    parts = clean_text_page(CHINESE)
    assert parts.title == "城市公园下月重新开放"
    assert len(parts.paragraphs) == 3
    assert parts.paragraphs[0].startswith("本市最大的城市公园")


def test_page_in_a_language_without_a_function_word_list():
    parts = clean_text_page(GREEK)
    assert parts.title == "Νέα γραμμή λεωφορείου για το λιμάνι"
    assert len(parts.paragraphs) == 3
    assert "Αρχική" in parts.boilerplate


def test_iso_date_keeps_its_offset():
    from datetime import timedelta, timezone

    page = STAFF_WRITER.replace("06.06.2023 1:57", "Published 2023-06-06T14:05:00+03:00")
    assert clean_text_page(page).published == datetime(2023, 6, 6, 14, 5,
                                                       tzinfo=timezone(timedelta(hours=3)))


def test_listing_page_keeps_only_the_first_post():
    share = "WhatsApp Facebook Twitter Email"
    posts = [
        "Kindness costs nothing, and yet it is the thing we remember longest about the people we meet.",
        "Patience is not waiting quietly; it is keeping a good attitude while the work gets done slowly.",
        "Gratitude turns what we have into enough, and it is easiest to practise on an ordinary day.",
    ]
    page = "Quotes\nOn kindness\n\n" + "\n\n".join(f"{share}\n\n{p}\n\n{p}" for p in posts) + f"\n\n{share}\n"
    parts = clean_text_page(page)
    assert parts.paragraphs == [posts[0], posts[0]]


def test_comment_section_headings_with_counts_end_the_article():
    for heading in ("12 Comments", "3 thoughts on “Harbour town votes”", "1 Comment"):
        page = POSTED_BY.replace("Tags: transport, schools, bridge\nLeave a comment\n", f"{heading}\n"
                                 "Mark T.\nI think this is a sensible plan and the council should be thanked for it.\n")
        parts = clean_text_page(page)
        assert len(parts.paragraphs) == 3, heading


MAGAZINE_LAYOUT = """\
Skip to main content
Skip to navigation
Support us
Sign in
News
Opinion
Sport
Culture
Lifestyle
World
Europe
US
Americas
Asia
Australia
Middle East
Africa
Inequality
Global development
Environment
Wind farm plan for northern coast approved after five-year fight
Ministers back 40-turbine scheme despite objections from fishing communities
Wind turbines off a coastline. The project is expected to power 300,000 homes. Photograph: Example Agency
Priya Raman Energy correspondent
Tue 6 Jun 2023 14.05 BST
Share
The government has approved a 40-turbine wind farm off the northern coast, ending a planning fight that has lasted more than five years.

The scheme, which developers say will power about 300,000 homes, was opposed by fishing groups who argued that the turbines would close traditional grounds.

The energy minister said the decision balanced "the need for clean power with the livelihoods of people who have worked these waters for generations".

Under the conditions of the approval, the developer must fund a compensation scheme for boats that lose access, and survey seabird colonies every year.

Fishing representatives said they would study the conditions before deciding whether to challenge the decision in court.
Explore more on these topics
Wind power
Renewable energy
Energy
Reuse this content
Most viewed
Heatwave warning issued as temperatures climb
Train strikes called off after last-minute deal
Museum returns artefacts to their country of origin
About us
Contact us
Complaints & corrections
Terms & conditions
Privacy policy
Cookie policy
© 2023 Example Media Group. All rights reserved.
"""


def test_standfirst_caption_and_beat_byline_layout():
    parts = clean_text_page(MAGAZINE_LAYOUT)
    assert parts.title == "Wind farm plan for northern coast approved after five-year fight"
    assert parts.author == "Priya Raman"
    assert parts.published == datetime(2023, 6, 6, 14, 5)
    assert parts.outlet == "Example Media Group"
    assert len(parts.paragraphs) == 5
    assert parts.paragraphs[0].startswith("The government has approved")
    assert "Ministers back 40-turbine scheme despite objections from fishing communities" in parts.boilerplate
    assert "Train strikes called off after last-minute deal" in parts.boilerplate


BROADCASTER_LAYOUT = """\
Homepage
Accessibility links
Skip to content
Accessibility Help
Sign in
Home
News
Sport
Weather
iPlayer
Sounds
Menu
News
Wales
Wales Politics
Wales Business
North West
North East
Mid
South West
South East
Library opening hours to be cut in six towns
Published
6 June 2023
Share
close panel
Share page
Copy link
About sharing
Image source, Getty Images
Image caption,
The council says it has to save money after a rise in energy costs
By Gareth Lloyd
BBC News, Cardiff
Libraries in six towns will open for fewer hours from September, the council has confirmed.

The authority said the change would save about £200,000 a year, and that no library would close completely.

Campaigners said the cuts would hit older residents and schoolchildren hardest, because many rely on library computers.

A consultation earlier this year received more than 3,000 responses, most of them opposed to any reduction.

Related Topics
Libraries
Cardiff
More on this story
Councils warn of cuts to local services
Published
2 June 2023
Top Stories
Heatwave warning issued for parts of Wales
Published
1 hour ago
Features
Elsewhere on the BBC
Copyright 2023 BBC. All rights reserved. The BBC is not responsible for the content of external sites. Read about our approach to external linking.
"""


def test_two_line_dateline_and_broadcaster_layout():
    parts = clean_text_page(BROADCASTER_LAYOUT)
    assert parts.title == "Library opening hours to be cut in six towns"
    assert parts.author == "Gareth Lloyd"
    assert parts.published == datetime(2023, 6, 6)
    assert parts.outlet == "BBC"
    assert parts.section is None  # a menu item near the headline is not taken for the section
    assert len(parts.paragraphs) == 4
    assert "Heatwave warning issued for parts of Wales" in parts.boilerplate


def test_sentence_starting_like_a_heading_stays_in_the_body():
    line = "More on that later, the mayor told reporters as the meeting ended without a vote."
    page = NO_TITLE.replace("Regular visitors", line + "\n\nRegular visitors")
    assert line in clean_text_page(page).paragraphs


def test_news_about_a_privacy_policy_is_not_a_footer():
    line = ("The regulator said the company's new privacy policy and terms of use broke the law, "
            "and gave it two months to change them.")
    page = NO_TITLE.replace("Regular visitors", line + "\n\nRegular visitors")
    parts = clean_text_page(page + "\nRead our privacy policy and terms of use before you comment on this site.\n")
    assert line in parts.paragraphs
    assert "Read our privacy policy and terms of use before you comment on this site." in parts.boilerplate


def test_an_already_clean_article_is_kept_whole():
    text = ("Ferry timetable changes\n\n"
            "The ferry company will change its winter timetable from next week, it said on Monday.\n\n"
            "Sailings affected\n"
            "Early crossing on weekdays\n"
            "Last crossing on Sundays\n\n"
            "Passengers with tickets for cancelled sailings can move to another crossing for free.\n")
    parts = clean_text_page(text)
    assert parts.title == "Ferry timetable changes"
    assert parts.paragraphs[1:4] == ["Sailings affected", "Early crossing on weekdays", "Last crossing on Sundays"]
    assert len(parts.paragraphs) == 5
