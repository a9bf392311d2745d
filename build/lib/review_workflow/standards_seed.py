"""The first version of the national standards, as seeded on a new platform."""

import datetime

FIRST_VERSION_NAME = "National Standards v1.0"
FIRST_VERSION_EFFECTIVE = datetime.date(2026, 9, 1)

# (code, domain, title, guidance, required)
FIRST_VERSION_STANDARDS = [
    ("DE-1", "De-escalation", "De-escalation tactics and techniques",
     "The curriculum teaches concrete tactics that slow encounters down and reduce tension: "
     "creating time and distance, using cover, calm verbal engagement, and recognising when "
     "a situation is stabilising or escalating.", True),
    ("DE-2", "De-escalation", "Alternatives to the use of force",
     "Officers practise options short of force and learn how to choose among them; the "
     "material makes clear that de-escalation continues throughout an encounter.", True),
    ("CR-1", "Crisis response", "Responding to people in mental or behavioural health crisis",
     "The curriculum helps participants recognise signs of a mental or behavioural health "
     "crisis and respond safely, with communication adapted to the person.", True),
    ("CR-2", "Crisis response", "People with disabilities",
     "Participants learn to recognise and accommodate intellectual, developmental, sensory "
     "and physical disabilities, and how these may be mistaken for non-compliance.", True),
    ("CR-3", "Crisis response", "Crisis intervention teams and mental health resources",
     "The curriculum explains crisis intervention team and co-responder models and how to "
     "connect people with local mental health and community resources.", True),
    ("SC-1", "Practice", "Scenario-based exercises",
     "Realistic scenarios let participants practise the skills taught, with structured "
     "debriefs; the material describes the scenarios and how they are run.", True),
    ("AS-1", "Assessment", "Pre- and post-training assessment of learning",
     "Learning is measured before and after training with tests or observed performance "
     "tied to the learning objectives.", True),
    ("AS-2", "Assessment", "Follow-up assessment",
     "The provider assesses, some time after training, whether skills are retained and used "
     "in the field, and uses the results to improve the course.", False),
    ("IN-1", "Delivery", "Instructor qualifications",
     "Instructors have documented subject-matter expertise and training experience; the "
     "curriculum states how instructors are selected and prepared.", True),
    ("EV-1", "Content", "Accuracy, currency and evidence base",
     "Content is accurate and current, cites the research and practice it rests on, and is "
     "reviewed on a stated schedule.", True),
    ("DL-1", "Delivery", "Accessibility and adaptability of delivery",
     "Materials are accessible to participants with disabilities and can be adapted to the "
     "agency's size, setting and community.", True),
]  # fmt: skip
