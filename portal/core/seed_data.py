"""Reference data seeded by a migration: themes, countries and languages (English, French)."""

THEMES = [
    ("matching-skills", "Matching skills with labour demand",
     "Adéquation des compétences à la demande de main-d'œuvre"),
    ("recognition-portability", "Recognition and portability of skills",
     "Reconnaissance et portabilité des compétences"),
    ("pre-departure", "Pre-departure training and orientation",
     "Formation et orientation avant le départ"),
    ("return-reintegration", "Return and reintegration", "Retour et réintégration"),
    ("skills-anticipation", "Skills anticipation and labour market information",
     "Anticipation des compétences et information sur le marché du travail"),
    ("governance", "Labour migration governance", "Gouvernance des migrations de main-d'œuvre"),
    ("social-dialogue", "Social dialogue", "Dialogue social"),
    ("prior-learning", "Recognition of prior learning", "Reconnaissance des acquis de l'expérience"),
    ("guidance", "Information, guidance and counselling of migrant workers",
     "Information, orientation et conseil des travailleurs migrants"),
]

# African Union member states by AU region, except Mauritania, which this network's
# programmes (the West Africa and Sahel workshops) count as West Africa.
COUNTRIES = {
    "north": [
        ("DZ", "Algeria", "Algérie"), ("EG", "Egypt", "Égypte"), ("LY", "Libya", "Libye"),
        ("MA", "Morocco", "Maroc"), ("EH", "Sahrawi Republic", "République sahraouie"),
        ("TN", "Tunisia", "Tunisie"),
    ],
    "west": [
        ("BJ", "Benin", "Bénin"), ("BF", "Burkina Faso", "Burkina Faso"),
        ("CV", "Cabo Verde", "Cap-Vert"), ("CI", "Côte d'Ivoire", "Côte d'Ivoire"),
        ("GM", "Gambia", "Gambie"), ("GH", "Ghana", "Ghana"), ("GN", "Guinea", "Guinée"),
        ("GW", "Guinea-Bissau", "Guinée-Bissau"), ("LR", "Liberia", "Libéria"),
        ("ML", "Mali", "Mali"), ("MR", "Mauritania", "Mauritanie"), ("NE", "Niger", "Niger"),
        ("NG", "Nigeria", "Nigéria"), ("SN", "Senegal", "Sénégal"),
        ("SL", "Sierra Leone", "Sierra Leone"), ("TG", "Togo", "Togo"),
    ],
    "central": [
        ("BI", "Burundi", "Burundi"), ("CM", "Cameroon", "Cameroun"),
        ("CF", "Central African Republic", "République centrafricaine"),
        ("TD", "Chad", "Tchad"), ("CG", "Congo", "Congo"),
        ("CD", "Democratic Republic of the Congo", "République démocratique du Congo"),
        ("GQ", "Equatorial Guinea", "Guinée équatoriale"), ("GA", "Gabon", "Gabon"),
        ("ST", "São Tomé and Príncipe", "Sao Tomé-et-Principe"),
    ],
    "east": [
        ("KM", "Comoros", "Comores"), ("DJ", "Djibouti", "Djibouti"),
        ("ER", "Eritrea", "Érythrée"), ("ET", "Ethiopia", "Éthiopie"), ("KE", "Kenya", "Kenya"),
        ("MG", "Madagascar", "Madagascar"), ("MU", "Mauritius", "Maurice"),
        ("RW", "Rwanda", "Rwanda"), ("SC", "Seychelles", "Seychelles"),
        ("SO", "Somalia", "Somalie"), ("SS", "South Sudan", "Soudan du Sud"),
        ("SD", "Sudan", "Soudan"), ("TZ", "Tanzania", "Tanzanie"), ("UG", "Uganda", "Ouganda"),
    ],
    "southern": [
        ("AO", "Angola", "Angola"), ("BW", "Botswana", "Botswana"),
        ("SZ", "Eswatini", "Eswatini"), ("LS", "Lesotho", "Lesotho"),
        ("MW", "Malawi", "Malawi"), ("MZ", "Mozambique", "Mozambique"),
        ("NA", "Namibia", "Namibie"), ("ZA", "South Africa", "Afrique du Sud"),
        ("ZM", "Zambia", "Zambie"), ("ZW", "Zimbabwe", "Zimbabwe"),
    ],
}

# Main destination countries of African migrant workers outside the continent.
DESTINATIONS = [
    ("SA", "Saudi Arabia", "Arabie saoudite"), ("AE", "United Arab Emirates", "Émirats arabes unis"),
    ("QA", "Qatar", "Qatar"), ("KW", "Kuwait", "Koweït"), ("OM", "Oman", "Oman"),
    ("BH", "Bahrain", "Bahreïn"), ("LB", "Lebanon", "Liban"), ("JO", "Jordan", "Jordanie"),
    ("FR", "France", "France"), ("IT", "Italy", "Italie"), ("ES", "Spain", "Espagne"),
    ("PT", "Portugal", "Portugal"), ("DE", "Germany", "Allemagne"), ("BE", "Belgium", "Belgique"),
    ("GB", "United Kingdom", "Royaume-Uni"), ("US", "United States", "États-Unis"),
    ("CA", "Canada", "Canada"), ("AU", "Australia", "Australie"),
]

LANGUAGES = [
    ("en", "English", "anglais"), ("fr", "French", "français"), ("pt", "Portuguese", "portugais"),
    ("ar", "Arabic", "arabe"), ("sw", "Swahili", "swahili"), ("es", "Spanish", "espagnol"),
    ("am", "Amharic", "amharique"), ("ha", "Hausa", "haoussa"), ("yo", "Yoruba", "yoruba"),
    ("wo", "Wolof", "wolof"), ("zu", "Zulu", "zoulou"), ("so", "Somali", "somali"),
]

# The 16 countries of the skills partnerships scoping studies (West and Central Africa).
PROJECT_COUNTRY_CODES = [
    "BF", "CM", "CF", "TD", "CG", "CI", "CD", "GQ", "GA", "GH", "ML", "MR", "NE", "NG", "SN", "TG",
]
