"""Session 37: facts for confident wrong details (mentor trial s37). A fluent answer that gave a
detail wrong earned the point, for want of a fact to check it against (rubric 1.7.91). Each wrong
sentence must be called wrong by its fact; no true sentence beside it may be. The sentences are
our own."""

from __future__ import annotations

import pytest
from probe_support import assert_never_called_wrong, called_wrong
from probe_support import probe_report as _report
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric

WRONG = [
    # the Quad's first dialogue (2007), not its tsunami core group (2004), revival (2017)
    # or summits (2021)
    ("pyq-2020-quad-trade-bloc", "The Quad was founded in 2010.", "quad-first-year"),
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad was formed in 2004 after the tsunami.",
        "quad-first-year",
    ),
    (
        "pyq-2020-quad-trade-bloc",
        "India, Japan, Australia and the US formed the Quad in 2012.",
        "quad-first-year",
    ),
    ("pyq-2020-quad-trade-bloc", "Shinzo Abe founded the Quad in 2010.", "quad-first-year"),
    (
        "pyq-2020-quad-trade-bloc",
        "The formation of the Quad in 2004 was a response to China.",
        "quad-first-year",
    ),
    ("pyq-2020-quad-trade-bloc", "The Quad's first dialogue was held in 2015.", "quad-first-year"),
    # IPEF began in May 2022 (in Tokyo)
    ("pyq-2020-quad-trade-bloc", "IPEF was launched in New Delhi in 2020.", "ipef-launch-year"),
    ("pyq-2020-quad-trade-bloc", "The IPEF was launched in 2019.", "ipef-launch-year"),
    ("pyq-2020-quad-trade-bloc", "The US launched IPEF in 2021.", "ipef-launch-year"),
    (
        "pyq-2020-quad-trade-bloc",
        "The Indo-Pacific Economic Framework was launched in 2023.",
        "ipef-launch-year",
    ),
    ("pyq-2020-quad-trade-bloc", "IPEF, launched in 2020, has four pillars.", "ipef-launch-year"),
    # the SCRI is India's, Japan's and Australia's: the US said to be in it
    (
        "economic-security-supply-chains",
        "India, Japan and the US launched the SCRI in 2021.",
        "us-not-in-scri",
    ),
    ("economic-security-supply-chains", "The US is a member of the SCRI.", "us-not-in-scri"),
    (
        "economic-security-supply-chains",
        "Japan, India and the United States are members of the SCRI.",
        "us-not-in-scri",
    ),
    (
        "economic-security-supply-chains",
        "The US joined the Supply Chain Resilience Initiative in 2021.",
        "us-not-in-scri",
    ),
    # the SCRI described as the US's
    ("economic-security-supply-chains", "The SCRI is a US-led initiative.", "scri-members"),
    (
        "economic-security-supply-chains",
        "The SCRI includes the US, Japan and India.",
        "scri-members",
    ),
    (
        "economic-security-supply-chains",
        "The SCRI was launched by the US, Japan and India.",
        "scri-members",
    ),
    (
        "economic-security-supply-chains",
        "The SCRI, an American initiative, diversifies supply chains.",
        "scri-members",
    ),
    # the bullet train runs Mumbai-Ahmedabad
    (
        "japan-development-partner",
        "The bullet train connects Mumbai with Chennai.",
        "bullet-train-route",
    ),
    (
        "japan-development-partner",
        "Japan's Shinkansen technology runs from Mumbai to Delhi.",
        "bullet-train-route",
    ),
    (
        "japan-development-partner",
        "The bullet train connects Mumbai to Delhi.",
        "bullet-train-route",
    ),
    ("japan-development-partner", "The high-speed rail goes to Chennai.", "bullet-train-route"),
    ("japan-development-partner", "The bullet train goes to Hyderabad.", "bullet-train-route"),
    # UNICORN is an antenna mast
    (
        "defence-cooperation",
        "UNICORN is a submarine that Japan is transferring to India.",
        "unicorn-mast",
    ),
    (
        "defence-cooperation",
        "The UNICORN, a fighter jet, is being transferred to India.",
        "unicorn-mast",
    ),
    (
        "defence-cooperation",
        "Japan is transferring UNICORN, a stealth submarine, to India.",
        "unicorn-mast",
    ),
    ("defence-cooperation", "UNICORN is a fighter jet.", "unicorn-mast"),
    # Vostok was held near the South Kuril Islands
    ("challenges-way-forward", "Vostok was held in the Senkaku Islands.", "vostok-place"),
    ("challenges-way-forward", "The Vostok exercise took place near the Senkakus.", "vostok-place"),
    ("challenges-way-forward", "Vostok was held in the South China Sea.", "vostok-place"),
    (
        "challenges-way-forward",
        "The Vostok exercise took place near the Senkaku Islands.",
        "vostok-place",
    ),
    # annual summits since 2006 (rubric 1.7.93: not by "first annual summit")
    (
        "pyq-2019-contemporary",
        "India and Japan have held annual summits since 1998.",
        "annual-summits-since",
    ),
    ("pyq-2019-contemporary", "Annual summits began in 2000.", "annual-summits-since"),
    ("pyq-2019-contemporary", "Annual summits have been held since 1998.", "annual-summits-since"),
    ("pyq-2019-contemporary", "Annual summits started in 2001.", "annual-summits-since"),
    # Japan is a US treaty ally
    ("challenges-way-forward", "Japan is an ally of China.", "japan-us-ally"),
    ("challenges-way-forward", "Japan is a member of the Non-Aligned Movement.", "japan-us-ally"),
    ("challenges-way-forward", "Japan, an ally of Russia, ignored the sanctions.", "japan-us-ally"),
    ("challenges-way-forward", "Like India, Japan practises non-alignment.", "japan-us-ally"),
    ("challenges-way-forward", "Japan is an ally of Russia.", "japan-us-ally"),
    # the Quad has no treaty, charter or command (quad-form's new contrary names)
    ("pyq-2020-quad-trade-bloc", "The Quad has a mutual-defence treaty.", "quad-form"),
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad has a mutual defence clause like NATO's Article 5.",
        "quad-form",
    ),
    ("pyq-2020-quad-trade-bloc", "The Quad is bound by a mutual-defence treaty.", "quad-form"),
    ("pyq-2020-quad-trade-bloc", "The Quad has a joint military command.", "quad-form"),
    ("pyq-2020-quad-trade-bloc", "The Quad has a charter and a secretariat.", "quad-form"),
    ("pyq-2020-quad-trade-bloc", "The Quad signed a mutual defence treaty in 2021.", "quad-form"),
    # India has stayed out of the BRI
    (
        "challenges-way-forward",
        "India has joined China's Belt and Road Initiative.",
        "india-outside-bri",
    ),
    ("challenges-way-forward", "India joined the BRI in 2017.", "india-outside-bri"),
    ("challenges-way-forward", "India is a member of the BRI.", "india-outside-bri"),
    (
        "challenges-way-forward",
        "India is part of China's Belt and Road Initiative.",
        "india-outside-bri",
    ),
    ("challenges-way-forward", "India signed up to the BRI.", "india-outside-bri"),
    (
        "challenges-way-forward",
        "India has joined the Belt and Road Initiative.",
        "india-outside-bri",
    ),
]


@pytest.mark.parametrize(("question", "text", "fact"), WRONG, ids=[w[1][:48] for w in WRONG])
def test_a_wrong_detail_is_called_wrong_by_its_fact(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, fact: str
) -> None:
    assert fact in called_wrong(_report(india_japan, nlp, question, text))


TRUE_SENTENCES = [
    # quad-first-year
    ("pyq-2020-quad-trade-bloc", "The Quad was founded in 2007."),
    ("pyq-2020-quad-trade-bloc", "Quad leaders first met virtually in 2021."),
    ("pyq-2020-quad-trade-bloc", "Quad leaders first met in 2021."),
    ("pyq-2020-quad-trade-bloc", "The Quad was revived in 2017."),
    ("pyq-2020-quad-trade-bloc", "The Quad was formed after the 2004 tsunami."),
    ("pyq-2020-quad-trade-bloc", "The Quad began as the tsunami core group of 2004."),
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad was founded in 2007, lapsed in 2008 and was revived in 2017.",
    ),
    ("pyq-2020-quad-trade-bloc", "The Quad was set up in 2007; its leaders first met in 2021."),
    ("pyq-2020-quad-trade-bloc", "The Quad first met at the leaders' level in 2021."),
    ("pyq-2020-quad-trade-bloc", "The Quad first met as foreign ministers in 2019."),
    (
        "pyq-2020-quad-trade-bloc",
        "In 2004 India, Japan, Australia and the US formed a tsunami core "
        "group, from which the Quad grew.",
    ),
    ("pyq-2020-quad-trade-bloc", "Abe, who founded the Quad in 2007, died in 2022."),
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad was established in 2007 and upgraded to a leaders' summit in 2021.",
    ),
    ("pyq-2020-quad-trade-bloc", "The Quad, which lapsed in 2008, was formed again in 2017."),
    ("pyq-2020-quad-trade-bloc", "The Quad Vaccine Partnership was launched in 2021."),
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad was founded in 2007, three years after the 2004 tsunami.",
    ),
    # ipef-launch-year
    ("pyq-2020-quad-trade-bloc", "IPEF was launched in Tokyo in May 2022."),
    ("pyq-2020-quad-trade-bloc", "IPEF was first proposed by Biden in October 2021."),
    ("pyq-2020-quad-trade-bloc", "IPEF was announced in 2021 and launched in Tokyo in 2022."),
    ("pyq-2020-quad-trade-bloc", "The IPEF supply chain agreement was signed in 2023."),
    ("pyq-2020-quad-trade-bloc", "IPEF's supply chain agreement came into force in 2024."),
    ("pyq-2020-quad-trade-bloc", "IPEF held a negotiating round in New Delhi in February 2023."),
    ("pyq-2020-quad-trade-bloc", "IPEF was discussed in New Delhi in 2023."),
    ("pyq-2020-quad-trade-bloc", "India joined IPEF in 2022 but stayed out of its trade pillar."),
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad summit in Tokyo in 2022 coincided with the launch of IPEF.",
    ),
    ("pyq-2020-quad-trade-bloc", "IPEF ministers met in Detroit in 2023."),
    (
        "pyq-2020-quad-trade-bloc",
        "India joined IPEF's supply chain pillar in 2022 and signed its agreement in 2023.",
    ),
    # scri
    ("economic-security-supply-chains", "India, Japan and Australia launched the SCRI in 2021."),
    (
        "economic-security-supply-chains",
        "India, Japan and Australia launched the SCRI, while the US leads IPEF.",
    ),
    ("economic-security-supply-chains", "The SCRI is with Australia; the US is in IPEF."),
    ("economic-security-supply-chains", "The US is not a member of the SCRI."),
    (
        "economic-security-supply-chains",
        "Unlike the US, India and Japan joined the SCRI with Australia.",
    ),
    ("economic-security-supply-chains", "The US welcomed the SCRI of India, Japan and Australia."),
    (
        "economic-security-supply-chains",
        "India, Japan and Australia are members of the SCRI, and the US is not.",
    ),
    (
        "economic-security-supply-chains",
        "The SCRI, launched by India, Japan and Australia, complements the US-led IPEF.",
    ),
    (
        "economic-security-supply-chains",
        "Japan, Australia and India are SCRI members; Japan, Australia, "
        "India and the US are Quad members.",
    ),
    (
        "economic-security-supply-chains",
        "The US and Japan are treaty allies, and Japan, India and "
        "Australia launched the SCRI in 2021.",
    ),
    (
        "economic-security-supply-chains",
        "The SCRI reduces dependence on China, which worries the US too.",
    ),
    # bullet-train-route
    (
        "japan-development-partner",
        "Japan funds the Delhi Metro and the Mumbai–Ahmedabad bullet train.",
    ),
    ("japan-development-partner", "The bullet train runs between Mumbai and Ahmedabad."),
    (
        "japan-development-partner",
        "The bullet train will link Mumbai and Ahmedabad, while the freight "
        "corridor links Delhi and Mumbai.",
    ),
    (
        "japan-development-partner",
        "Besides the bullet train, Japan funds metros in Delhi, Chennai and Bengaluru.",
    ),
    (
        "japan-development-partner",
        "The bullet train, Japan's flagship project, was discussed in New Delhi.",
    ),
    ("japan-development-partner", "The bullet train was announced in New Delhi in 2015."),
    (
        "japan-development-partner",
        "Modi and Abe laid the bullet train's foundation stone in Ahmedabad in 2017.",
    ),
    (
        "japan-development-partner",
        "Japan funds the Delhi–Mumbai Industrial Corridor and the bullet train.",
    ),
    (
        "japan-development-partner",
        "The bullet train connects Mumbai to Ahmedabad; metros connect Delhi's suburbs.",
    ),
    ("japan-development-partner", "The bullet train will not link Delhi."),
    ("japan-development-partner", "The bullet train links Mumbai with Ahmedabad, not Delhi."),
    ("japan-development-partner", "Like the Delhi Metro, the bullet train runs on Japanese loans."),
    # unicorn-mast
    ("defence-cooperation", "Japan is transferring the UNICORN mast to Indian warships."),
    ("defence-cooperation", "UNICORN is an antenna mast for warships."),
    (
        "defence-cooperation",
        "The UNICORN mast will be fitted on Indian Navy warships, not submarines.",
    ),
    ("defence-cooperation", "UNICORN, an integrated radio antenna, will equip Indian warships."),
    ("defence-cooperation", "UNICORN technology for warships is being transferred."),
    ("defence-cooperation", "UNICORN is not a fighter jet but an antenna mast."),
    (
        "defence-cooperation",
        "Japan transfers UNICORN masts; India builds submarines and fighter jets itself.",
    ),
    ("defence-cooperation", "UNICORN is used on Japan's Mogami-class frigates."),
    # vostok-place
    (
        "challenges-way-forward",
        "India's part in the Vostok exercise near the South Kuril Islands irritated Tokyo.",
    ),
    (
        "challenges-way-forward",
        "Vostok was held near the Kurils, which Japan claims; China's claims "
        "on the Senkakus worry Tokyo too.",
    ),
    ("challenges-way-forward", "Vostok 2022 was held in Russia's Far East."),
    (
        "challenges-way-forward",
        "India joined Vostok, while China presses Japan near the Senkaku Islands.",
    ),
    (
        "challenges-way-forward",
        "The Vostok exercise took place near the Kurils, while China presses "
        "Japan near the Senkaku Islands.",
    ),
    (
        "challenges-way-forward",
        "India's part in Vostok irritated Tokyo, which also worries about the Senkaku Islands.",
    ),
    ("challenges-way-forward", "Vostok did not take place near the Senkakus but near the Kurils."),
    (
        "challenges-way-forward",
        "China presses Japan in the East China Sea; Vostok was held near the Kurils.",
    ),
    ("challenges-way-forward", "Vostok was held in Russia's east, far from the East China Sea."),
    # annual-summits-since
    ("pyq-2019-contemporary", "India and Japan have held annual summits since 2006."),
    ("pyq-2019-contemporary", "The first annual summit since 2018 came only in March 2022."),
    ("pyq-2019-contemporary", "The only annual summit since 2019 was held in 2022."),
    ("pyq-2019-contemporary", "The 15th annual summit was held in Tokyo in 2025."),
    (
        "pyq-2019-contemporary",
        "The 15th annual summit in Tokyo in 2025 set a ten trillion yen target.",
    ),
    ("pyq-2019-contemporary", "The 14th annual summit in 2022 set a five trillion yen target."),
    (
        "pyq-2019-contemporary",
        "The annual summit of 2014 launched the Special Strategic and Global Partnership.",
    ),
    ("pyq-2019-contemporary", "Quad leaders have met in annual summits since 2021."),
    (
        "pyq-2019-contemporary",
        "Annual summits since 2006 have set the pace; the 2014 summit raised ties to the SSGP.",
    ),
    (
        "pyq-2019-contemporary",
        "Annual summits since 2006, and Abe's speech of 2007, deepened trust.",
    ),
    (
        "pyq-2019-contemporary",
        "Since 2014 the annual summits have been the main engine of the partnership.",
    ),
    # japan-us-ally
    ("challenges-way-forward", "Japan is a US treaty ally, while India is non-aligned."),
    ("challenges-way-forward", "Japan is a strategic partner of non-aligned India."),
    ("challenges-way-forward", "Japan is not a non-aligned country."),
    ("challenges-way-forward", "Japan is a partner of a non-aligned country like India."),
    ("challenges-way-forward", "Unlike non-aligned India, Japan is a treaty ally of the US."),
    (
        "challenges-way-forward",
        "Japan, a US ally, sanctions Russia; India, a non-aligned country, does not.",
    ),
    ("challenges-way-forward", "Japan is neutral on the India-China border dispute."),
    ("challenges-way-forward", "Japan is no ally of China."),
    ("challenges-way-forward", "Japan is not a member of the Non-Aligned Movement, unlike India."),
    # quad-form
    ("pyq-2020-quad-trade-bloc", "The Quad is not a military alliance."),
    ("pyq-2020-quad-trade-bloc", "Critics call the Quad an Asian NATO, but it has no treaty."),
    ("pyq-2020-quad-trade-bloc", "China calls it an Asian NATO."),
    ("pyq-2020-quad-trade-bloc", "The Quad has no mutual-defence treaty."),
    ("pyq-2020-quad-trade-bloc", "The Quad is a dialogue without a mutual defence treaty."),
    ("pyq-2020-quad-trade-bloc", "The Quad has neither a charter nor a secretariat."),
    ("pyq-2020-quad-trade-bloc", "The Quad is held together by shared interests, not by a treaty."),
    (
        "pyq-2020-quad-trade-bloc",
        "Unlike NATO, which has a mutual defence treaty, the Quad has none.",
    ),
    ("pyq-2020-quad-trade-bloc", "The Quad has never signed a mutual defence treaty."),
    (
        "pyq-2020-quad-trade-bloc",
        "The US has mutual defence treaties with Japan and Australia, but the Quad has none.",
    ),
    (
        "pyq-2020-quad-trade-bloc",
        "The Quad lacks a charter, a secretariat and a mutual-defence treaty.",
    ),
    # india-outside-bri
    ("challenges-way-forward", "India has refused to join the BRI."),
    ("challenges-way-forward", "Japan and India offer an alternative to the BRI."),
    ("challenges-way-forward", "India has not joined the BRI."),
    ("challenges-way-forward", "India joined the AIIB but not the BRI."),
    ("challenges-way-forward", "India joined the Quad to counter the BRI."),
    ("challenges-way-forward", "India joined Japan in opposing the BRI."),
    ("challenges-way-forward", "India boycotted the Belt and Road Forum in 2017."),
    ("challenges-way-forward", "India is part of the AIIB and BRICS but stays out of the BRI."),
    (
        "challenges-way-forward",
        "India is part of the Quad and BRICS but has not joined China's Belt and Road Initiative.",
    ),
    (
        "challenges-way-forward",
        "India, unlike Pakistan, is not part of the Belt and Road Initiative.",
    ),
    (
        "challenges-way-forward",
        "Nepal and Sri Lanka have joined the Belt and Road Initiative, but India has not.",
    ),
    (
        "challenges-way-forward",
        "India objects to the CPEC, part of China's Belt and Road Initiative.",
    ),
]


@pytest.mark.parametrize(
    ("question", "text"), TRUE_SENTENCES, ids=[t[:48] for _, t in TRUE_SENTENCES]
)
def test_a_true_sentence_is_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert_never_called_wrong(_report(india_japan, nlp, question, text))


def test_a_right_founding_year_completes_the_origins_point(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = _report(india_japan, nlp, "pyq-2020-quad-trade-bloc", "The Quad was founded in 2007.")
    assert next(f for f in report.facts if f.id == "quad-first-year").status == "supported"
    assert next(c for c in report.concepts if c.id == "quad-origins").credit == 1.0
