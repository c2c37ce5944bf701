"""English content of the demo site: the translation of every page in `cms.demo_pages`, from the same seed
(the cluster's presentation of 22.11.2024).

`ENGLISH_PAGES` maps the slug of a Polish demo page to the fields of its English translation. Stream
fields are lists of (block type, value) pairs, as in `cms.demo_pages`; `load_demo` writes them. Proper
names stay Polish where they are names (Pomorska Ekonomia Społeczna, Pomorska Sieć COP, POWES „Dla Was”);
Polish acronyms (OWES, CIS, KIS, WTZ, ZAZ, PS) are explained at first use.
"""

SEED_SOURCE_EN = (
    "Source: ROPS in Gdańsk, “The social economy sector in the Pomorskie region 2024” "
    "(social enterprise status as of June 2024)."
)

SECTOR_FIGURES_EN = [
    ("95", "social cooperatives", "+23 in one year"),
    ("50", "occupational therapy workshops (WTZ)", "+2"),
    ("24", "social integration centres (CIS)", "+2"),
    ("14", "social integration clubs (KIS)", "+1"),
    ("2", "vocational activity establishments (ZAZ)", "unchanged"),
    ("63", "enterprises with the social enterprise (PS) status", "including 31 social cooperatives"),
    ("580", "jobs in social enterprises", ""),
]


def _figures(rows):
    return [{"value": value, "label": label, "note": note} for value, label, note in rows]


HOME = {
    "title": "Pomorska Ekonomia Społeczna",
    "hero_lead": (
        "The cluster of social-economy organisations of the Pomorskie region: social cooperatives, "
        "foundations, associations, social integration centres and clubs (CIS, KIS), occupational therapy "
        "workshops (WTZ), vocational activity establishments (ZAZ) and social enterprises. Buy socially "
        "responsibly — find a supplier in the catalogue."
    ),
    "sector_figures": [("figure", figure) for figure in _figures(SECTOR_FIGURES_EN)],
    "sector_figures_source": SEED_SOURCE_EN,
}

ABOUT = {
    "title": "About the cluster",
    "intro": (
        "The Pomorska Ekonomia Społeczna (Pomeranian Social Economy) cluster is being built within the "
        "RESIST project — Responsive Public Services (Interreg Baltic Sea Region), coordinated in the region "
        "by the Regional Social Policy Centre (ROPS) in Gdańsk. It delivers Priority 2 of the PES 2030 "
        "programme, “Strong and stable social economy entities”, action 2.1: developing support networks for "
        "social economy entities and social enterprises, including cluster initiatives and consortia under "
        "the Pomorska Ekonomia Społeczna brand."
    ),
    "body": [
        ("heading", {"text": "Building the social economy ecosystem together", "level": "h2"}),
        (
            "paragraph",
            "<p>Clusters are groups of specialised social enterprises — often small and medium-sized ones — "
            "and other related support organisations that work closely together in one place. By "
            "cooperating they can be more innovative and create more jobs than they would on their own."
            "</p><p>A Cluster of Social and Ecological Innovation (CSEI) brings social economy organisations "
            "together with mainstream businesses, civil society organisations, public authorities, and "
            "education and research institutions.</p>",
        ),
        (
            "quote",
            {
                "text": "We cannot face social challenges alone — we have to act together!",
                "attribution": "The RESIST project",
            },
        ),
        ("heading", {"text": "Our plan for 2025", "level": "h2"}),
        (
            "paragraph",
            "<ul><li><b>Workshops</b>: four in-person workshops with the stakeholders of the social economy "
            "support ecosystem, who will work out the structure of the cluster, and four online meetings "
            "on the progress of the project.</li><li><b>Report and initiatives</b>: a report on the "
            "organisational and financial needs of the ecosystem and the paths to implementation (by "
            "November 2025), and one initiative that draws on the cluster's resources — a social "
            "entrepreneurship fair.</li><li><b>Support fund and letter of intent</b>: a concept for a fund "
            "supporting social entrepreneurship and innovation incubators, and a letter of intent signed by "
            "at least 20 stakeholders.</li></ul>",
        ),
        (
            "figures",
            {
                "title": "The RESIST project in numbers",
                "figures": _figures(
                    [
                        ("7", "countries around the Baltic Sea", ""),
                        ("13", "project partners", ""),
                        ("17", "associated partners", ""),
                        ("€3.62m", "project budget", "lead partner: the City of Hamburg"),
                    ]
                ),
                "source": "Duration: November 2023 – October 2026.",
            },
        ),
        (
            "faq",
            {
                "title": "Frequently asked questions",
                "items": [
                    {
                        "question": "Who can join the cluster?",
                        "answer": "<p>Social economy organisations of the Pomorskie region — social "
                        "cooperatives, foundations, associations, CIS, KIS, WTZ, ZAZ and social enterprises — "
                        "as well as partners from the public, private and academic sectors.</p>",
                    },
                    {
                        "question": "How much does membership cost?",
                        "answer": "<p>Membership is free during the pilot phase (2025). The long-term rules "
                        "are described by the “Membership model” dimension of the cluster model.</p>",
                    },
                    {
                        "question": "How can I buy a product or service from a cluster member?",
                        "answer": "<p>Find an offer in the supplier catalogue and send a request for a "
                        "quote straight from the offer page.</p>",
                    },
                ],
            },
        ),
        (
            "partner_logos",
            {
                "title": "Partners",
                "partners": [
                    {
                        "name": "Interreg Baltic Sea Region",
                        "logo": None,
                        "url": "https://interreg-baltic.eu/",
                    },
                    {"name": "RESIST", "logo": None, "url": "https://rops.pomorskie.eu/resist"},
                    {
                        "name": "Regional Social Policy Centre in Gdańsk",
                        "logo": None,
                        "url": "https://rops.pomorskie.eu/",
                    },
                    {"name": "Pomorska Sieć COP", "logo": None, "url": ""},
                ],
            },
        ),
    ],
}

SECTOR = {
    "title": "The social economy in Pomorskie",
    "intro": (
        "In 2024 the Pomorskie region had 95 social cooperatives, 50 occupational therapy workshops (WTZ), "
        "24 social integration centres (CIS), 14 social integration clubs (KIS) and 2 vocational activity "
        "establishments (ZAZ). 63 organisations held the social enterprise (PS) status and provided 580 "
        "jobs. Support comes from five social economy support centres (OWES), one in each subregion: Słupsk, "
        "Northern Metropolitan, Southern Metropolitan, Vistula and Southern."
    ),
    "body": [
        (
            "figures",
            {
                "title": "The social economy sector in Pomorskie, 2024",
                "figures": _figures(SECTOR_FIGURES_EN),
                "source": SEED_SOURCE_EN,
            },
        ),
        ("heading", {"text": "The support ecosystem", "level": "h2"}),
        (
            "paragraph",
            "<p>The social economy ecosystem of the region brings together the Managing Authority of the "
            "regional programme, the Voivode, social economy entities and social enterprises (PES/PS), the "
            "social economy support centres (OWES) and the Regional Social Policy Centre.</p>",
        ),
    ],
}

ACCESSIBILITY = {
    "title": "Accessibility statement",
    "intro": (
        "The Regional Social Policy Centre in Gdańsk is committed to making this website accessible in "
        "accordance with the Polish Act of 4 April 2019 on the digital accessibility of the websites and "
        "mobile applications of public sector bodies."
    ),
    "body": [
        ("heading", {"text": "Compliance status", "level": "h2"}),
        (
            "paragraph",
            "<p>This website complies with the Act of 4 April 2019 on the digital accessibility of the "
            "websites and mobile applications of public sector bodies and with the WCAG 2.1 standard at "
            "level AA. Every change to the website is checked automatically with the axe-core tool.</p>",
        ),
        ("heading", {"text": "Accessibility features", "level": "h2"}),
        (
            "paragraph",
            "<ul><li>a “Skip to main content” link at the top of every page,</li><li>a visible focus "
            "indicator and full operation by keyboard alone,</li><li>text contrast of at least 4.5:1,"
            "</li><li>forms with labels and an error summary,</li><li>an English version of the website."
            "</li></ul>",
        ),
        ("heading", {"text": "Feedback and contact information", "level": "h2"}),
        (
            "paragraph",
            "<p>Please report accessibility problems to Maciej Kochanowski: "
            '<a href="mailto:m.kochanowski@pomorskie.eu">m.kochanowski@pomorskie.eu</a>, phone +48 789 442 '
            "467. The same contact can be used to request information that is not accessible and to demand "
            "that accessibility be ensured. We respond without delay, within 7 days at the latest.</p>",
        ),
        ("heading", {"text": "Enforcement procedure", "level": "h2"}),
        (
            "paragraph",
            "<p>If we refuse to ensure accessibility, you can file a complaint with the public body and then "
            "notify the Commissioner for Human Rights (Rzecznik Praw Obywatelskich).</p>",
        ),
    ],
}

# (English name, guiding questions, the cluster's current answer), in the order of CLUSTER_DIMENSIONS.
CLUSTER_DIMENSIONS_EN = [
    (
        "Purpose",
        ["What social challenge are you taking on?", "What framework conditions come with it?"],
        "<p>Strengthening the competitiveness and business activity of the social economy organisations "
        "of Pomorskie and creating jobs for people at risk of social exclusion. The framework: the PES 2030 "
        "programme, Priority 2, action 2.1.</p>",
    ),
    (
        "Ecosystem",
        ["How should cooperation between stakeholders be organised to achieve the purpose?"],
        "<p>Social economy entities and social enterprises, the five OWES support centres, ROPS, the Voivode "
        "and the Managing Authority working together, with businesses, local governments and universities.</p>",
    ),
    (
        "Portfolio of Activities",
        ["What services and activities should be offered to the target groups?"],
        "<p>A shared catalogue of products and services, a social entrepreneurship fair, shared use of "
        "resources and knowledge, and support for socially responsible public procurement.</p>",
    ),
    (
        "Cross-sectoral Mobilization",
        ["How can different sectors be brought together and kept engaged?"],
        "<p>Civil society, the public sector, the private sector, the social economy and academia at one "
        "table: in-person workshops and online meetings.</p>",
    ),
    (
        "Resource Allocation & Funding",
        ["What resources do the planned activities need?", "How can they be funded?"],
        "<p>A concept for a fund supporting social entrepreneurship and innovation incubators, as an annex to "
        "the report due in November 2025.</p>",
    ),
    (
        "Operational Model",
        ["How can the cluster be managed in a participatory and democratic way?"],
        "",
    ),
    (
        "Coordinating Body",
        ["Who is responsible for managing the cluster?"],
        "<p>During the pilot phase the cluster is coordinated by the Regional Social Policy Centre in Gdańsk "
        "(Pomorska Sieć COP).</p>",
    ),
    (
        "Membership Model",
        ["Who can become a member?", "What are the conditions of membership?"],
        "<p>Social economy organisations of the Pomorskie region and their partners can become members. They "
        "sign the letter of intent and send a membership application.</p>",
    ),
]

CLUSTER_MODEL = {
    "title": "Cluster model",
    "intro": (
        "The CSEI model (Cluster of Social and Ecological Innovation), prepared in the RESIST project, "
        "describes a cluster in eight dimensions. For each one we give the guiding questions and the current "
        "answer of the Pomorska Ekonomia Społeczna cluster, which we are working out in workshops in 2025."
    ),
    "dimensions": [
        ("dimension", {"name": name, "name_en": "", "questions": questions, "answer": answer})
        for name, questions, answer in CLUSTER_DIMENSIONS_EN
    ],
}

NEWS_INDEX = {
    "title": "News",
    "intro": "News from the Pomorska Ekonomia Społeczna cluster and the RESIST project.",
}

NEWS = {
    "regionalne-laboratorium-strategii": {
        "title": "A cluster approach to the social economy: a regional strategy lab",
        "intro": (
            "At the Pomeranian Forum of Non-Governmental Initiatives we presented the CSEI cluster model and "
            "the plan for piloting the Pomorska Ekonomia Społeczna cluster in the RESIST project."
        ),
        "body": [
            (
                "paragraph",
                "<p>On 22 November 2024 the Regional Social Policy Centre in Gdańsk ran a regional strategy "
                "lab on clusters in the social economy. RESIST — Regional Ecosystems for Social Innovation and "
                "Social Transformation — brings together 13 partners and 17 associated partners from seven "
                "countries around the Baltic Sea, led by the City of Hamburg.</p><p>The CSEI model describes a "
                "cluster in eight dimensions: purpose, ecosystem, portfolio of activities, cross-sectoral "
                "mobilisation, resource allocation and funding, operational model, coordinating body and "
                "membership model. In 2025 we test it in Pomorskie.</p>",
            )
        ],
        "tags": ["RESIST", "cluster"],
    },
    "sektor-es-2024": {
        "title": "The social economy in Pomorskie grows: 95 social cooperatives",
        "intro": (
            "23 new social cooperatives were set up in one year. Enterprises with the social enterprise (PS) "
            "status provide 580 jobs in the region."
        ),
        "body": [
            (
                "paragraph",
                "<p>In 2024 the region had 95 social cooperatives, 50 occupational therapy workshops, 24 "
                "social integration centres, 14 social integration clubs and 2 vocational activity "
                "establishments. 63 enterprises held the social enterprise status in June 2024, 31 of them "
                "social cooperatives.</p><p>Five social economy support centres (OWES) support them, one in "
                "each subregion: Słupsk, Northern Metropolitan, Southern Metropolitan, Vistula and "
                "Southern.</p>",
            )
        ],
        "tags": ["social economy sector", "data"],
    },
    "warsztaty-klastra-2025": {
        "title": "Cluster workshops begin: four meetings in 2025",
        "intro": (
            "We invite the stakeholders of the social economy support ecosystem to shape the structure of "
            "the cluster with us. Between the workshops we meet online."
        ),
        "body": [
            (
                "paragraph",
                "<p>Four in-person workshops will work out the concept of the cluster's structure, dimension by "
                "dimension of the CSEI model. Four online meetings keep everyone up to date with the progress "
                "of the project.</p><p>The results feed into a report on the organisational and financial "
                "needs of the ecosystem, due in November 2025.</p>",
            )
        ],
        "tags": ["workshops", "cluster"],
    },
    "list-intencyjny-zaproszenie": {
        "title": "Sign the cluster's letter of intent",
        "intro": "Our goal is at least 20 stakeholders who declare that they will cooperate in the cluster.",
        "body": [
            (
                "paragraph",
                "<p>The letter of intent opens the way to cooperation in the Pomorska Ekonomia Społeczna "
                "cluster. It creates no financial obligations. Organisations sign it online and confirm the "
                "signature by email; confirmed signatories appear in a public list.</p>",
            )
        ],
        "tags": ["letter of intent"],
    },
}

PARTNER_INDEX = {
    "title": "Partners",
    "intro": "The RESIST project, the cluster's coordinator and the five social economy support centres (OWES).",
}

PARTNERS = {
    "resist": {
        "title": "RESIST — Interreg Baltic Sea Region",
        "area": "7 countries of the Baltic Sea Region",
        "intro": (
            "Regional Ecosystems for Social Innovation and Social Transformation: researching how social "
            "innovation clusters are organised, managed and funded, strengthening the capacity of regional "
            "authorities and building cross-sector cooperation. 13 partners, 17 associated partners, a budget "
            "of €3.62 million, led by the City of Hamburg, November 2023 – October 2026."
        ),
    },
    "rops": {
        "title": "Regional Social Policy Centre in Gdańsk",
        "area": "the Pomorskie region",
        "intro": (
            "The coordinator of the Pomorska Ekonomia Społeczna cluster and the Polish partner of the RESIST "
            "project (Pomorska Sieć COP)."
        ),
    },
    "owes-slupski": {
        "title": "OWES in the Słupsk subregion",
        "area": "Słupsk subregion",
        "intro": "The Social Economy Support Centre in the Słupsk Subregion.",
    },
    "owes-metropolitalny-polnocny": {
        "title": "POWES “Dla Was” — Northern Metropolitan subregion",
        "area": "Northern Metropolitan subregion",
        "intro": "The Pomeranian Social Economy Support Centre “Dla Was” (“For You”).",
    },
    "owes-metropolitalny-poludniowy": {
        "title": "OWES Obszar Gdański — Southern Metropolitan subregion",
        "area": "Southern Metropolitan subregion",
        "intro": "The Social Economy Support Centre for the Gdańsk Area.",
    },
    "owes-nadwislanski": {
        "title": "Nadwiślański OWES in Dzierzgoń",
        "area": "Vistula subregion",
        "intro": "The Vistula Social Economy Support Centre (Nadwiślański OWES) in Dzierzgoń.",
    },
    "owes-poludniowy": {
        "title": "OWES Debrzno — Southern subregion",
        "area": "Southern subregion",
        "intro": "The Social Economy Support Centre in Debrzno.",
    },
}

MEMBERSHIP = {
    "title": "Join the cluster",
    "intro": (
        "Do you run a social cooperative, foundation, association, social integration centre or club (CIS, "
        "KIS), occupational therapy workshop (WTZ), vocational activity establishment (ZAZ) or social "
        "enterprise in the Pomorskie region? Apply for your organisation to join the cluster: once accepted, "
        "it appears in the supplier catalogue."
    ),
    "thank_you_text": "Thank you! The cluster team will review your application and get in touch with you.",
}

LETTER_OF_INTENT = {
    "title": "Letter of intent",
    "intro": (
        "By signing the letter of intent, an organisation declares that it will cooperate in building the "
        "Pomorska Ekonomia Społeczna cluster. Our goal is at least 20 stakeholders."
    ),
    "letter_text": (
        "<p>We, the undersigned, declare our willingness to cooperate in establishing the Pomorska Ekonomia "
        "Społeczna cluster — a support network for the social economy organisations of the Pomorskie region — "
        "within the RESIST project and Priority 2 of the PES 2030 programme.</p><p>This letter creates no "
        "financial obligations.</p>"
    ),
    "thank_you_text": (
        "We have sent you an email with a confirmation link. Your signature will appear in the list once it "
        "is confirmed."
    ),
}

CONTACT = {
    "title": "Contact",
    "intro": "Get in touch with us about the cluster, the supplier catalogue and the fair.",
    "address": "Regional Social Policy Centre in Gdańsk\nPomorska Sieć COP",
    "thank_you_text": "Thank you, your message has been sent. We will reply as soon as we can.",
}

EVENT_INDEX = {
    "title": "Events",
    "intro": (
        "<p>The fair, workshops and meetings of the Pomorska Ekonomia Społeczna cluster and of the social "
        "economy organisations of the Pomorskie region.</p>"
    ),
}

# The event page of the demo fair (`events.demo`). Its programme is the Polish page's sessions, shown
# with their English texts (`events.demo.DEMO_SESSIONS`), so they are not repeated here.
FAIR_EVENT = {
    "title": "Pomeranian Social Economy Fair",
    "intro": (
        "<p>The social entrepreneurship fair: social cooperatives, foundations, social integration centres "
        "(CIS), occupational therapy workshops (WTZ) and vocational activity establishments (ZAZ) from all "
        "over the Pomorskie region present their products and services. It is one of the initiatives that "
        "draw on the resources of the cluster, built within the Interreg RESIST project.</p>"
    ),
    "venue_name": "European Solidarity Centre",
    "search_description": (
        "The social entrepreneurship fair of the Pomorskie region in Gdańsk: social enterprises present "
        "their products and services, with a workshop on reserved public contracts."
    ),
}

ENGLISH_PAGES = {
    "home": HOME,
    "o-klastrze": ABOUT,
    "sektor-es": SECTOR,
    "deklaracja-dostepnosci": ACCESSIBILITY,
    "model-klastra": CLUSTER_MODEL,
    "aktualnosci": NEWS_INDEX,
    **NEWS,
    "partnerzy": PARTNER_INDEX,
    **PARTNERS,
    "czlonkostwo": MEMBERSHIP,
    "list-intencyjny": LETTER_OF_INTENT,
    "kontakt": CONTACT,
    "wydarzenia": EVENT_INDEX,
    "targi-ekonomii-spolecznej": FAIR_EVENT,
}

# What the first demo loader wrote into the English copies besides the Polish text: short leads that
# this version replaces. An English field holding anything else was written by an editor and is kept.
FORMER_ENGLISH_DEMO_TEXT = {
    "home": {
        "hero_lead": (
            "The cluster of social-economy organisations of the Pomorskie region: social cooperatives, "
            "foundations, associations, CIS, KIS, WTZ, ZAZ and social enterprises. Buy socially responsibly — "
            "find a supplier in the catalogue."
        )
    },
    "o-klastrze": {"intro": "The Pomorska Ekonomia Społeczna cluster is being built in the RESIST project."},
    "sektor-es": {"intro": "The social-economy sector of the Pomorskie region in 2024."},
    "deklaracja-dostepnosci": {
        "intro": "The Regional Social Policy Centre in Gdańsk is committed to making this website accessible."
    },
    "model-klastra": {"intro": "The eight dimensions of the CSEI cluster model and our current answers."},
    "partnerzy": {
        "intro": "The RESIST project, the cluster's coordinator and the five OWES support centres."
    },
    "czlonkostwo": {"intro": "Apply to join the Pomorska Ekonomia Społeczna cluster."},
    "list-intencyjny": {"intro": "Sign the letter of intent of the Pomorska Ekonomia Społeczna cluster."},
    "kontakt": {"intro": "Contact the Pomorska Ekonomia Społeczna cluster."},
}
