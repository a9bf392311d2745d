"""The initial vocabulary, loaded by a data migration and kept here as the single source."""

TOPIC_AREAS = [
    "De-escalation tactics and techniques",
    "Alternatives to use of force",
    "Mental and behavioral health crisis response",
    "Disability awareness",
    "Crisis intervention teams and co-responder models",
    "Community responder programs",
    "Communication skills",
    "Duty to intervene and peer intervention",
    "Scenario-based training",
    "Substance use and overdose response",
    "Suicide prevention",
    "Officer safety and wellness",
    "Procedural justice and community trust",
    "Training evaluation and research",
]
AUDIENCES = [
    "Law enforcement officers",
    "Covered mental health professionals",
    "Dispatchers and call-takers",
    "Supervisors and leadership",
    "Trainers and instructors",
]
DELIVERY_METHODS = [
    "In-person",
    "Online self-paced",
    "Live virtual",
    "Blended",
    "Train-the-trainer",
]
PROVIDER_TYPES = [
    "Law enforcement agency or academy",
    "State POST or training commission",
    "Nonprofit organization",
    "College or university",
    "Private company",
    "Professional association",
]
RESOURCE_TYPES = [
    "Report",
    "Guide",
    "Workbook",
    "Toolkit",
    "Research article",
    "Video",
    "Webinar",
    "Fact sheet",
    "Model policy",
]

TAXONOMY = {
    "TopicArea": TOPIC_AREAS,
    "Audience": AUDIENCES,
    "DeliveryMethod": DELIVERY_METHODS,
    "ProviderType": PROVIDER_TYPES,
    "ResourceType": RESOURCE_TYPES,
}

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "AS": "American Samoa",
    "GU": "Guam", "MP": "Northern Mariana Islands", "PR": "Puerto Rico",
    "VI": "U.S. Virgin Islands",
}  # fmt: skip


def taxonomy_seed_apply(*, model_for) -> None:
    """Create any missing vocabulary term; `model_for(name)` returns the model to fill.

    Shared by the data migration (historical models) and the demo seed (a database emptied
    after migrating, as transactional tests leave it).
    """
    from django.utils.text import slugify

    for model_name, names in TAXONOMY.items():
        model = model_for(model_name)
        for position, name in enumerate(names):
            model.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "sort_order": position}
            )
    state_model = model_for("USState")
    for code, name in US_STATES.items():
        state_model.objects.get_or_create(code=code, defaults={"name": name})
