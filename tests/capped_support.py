"""Answers whose marks a cap holds down, shared by the capped-comment tests of the library
(tests/test_s45_capped.py) and of the web result page and browser (tests/web/): test modules do
not import one another. Our own wording."""

from __future__ import annotations

# a Mains answer on defence ties that never names the countries: off_topic caps it at 10%
UNNAMED_PARTNERS = (
    "Security ties between the two partners have deepened over the last decade and now form a "
    "pillar of their relationship.\n\n"
    "Their navies hold joint exercises every year, senior military officers visit each other, "
    "and the two sides talk about the transfer of technology and building equipment together. "
    "Such steps build trust and let the forces work side by side.\n\n"
    "Still, progress is slow: purchases are few and rules on exports get in the way.\n\n"
    "To conclude, closer security ties serve both partners and help keep the region stable.\n"
)

# a Mains answer that names the exercises and stops: too_short caps it at 18%, while its words
# match every mark of the defence dimension (session 46: "well covered" beside 1.5 of 10)
EXERCISES_ONLY = (
    "Their armies train together in Dharma Guardian, their navies in JIMEX and Malabar, and "
    "their air forces in Veer Guardian, while both sides sign deals on supplies."
)
