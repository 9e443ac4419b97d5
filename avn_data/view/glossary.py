"""Words a person meets in their imaging reports, in study summaries and on this page, each with
a plain meaning and, where the meaning is medical, the source it is taken from.

The page shows them under "Words you may meet in your reports" (ui/about.py); the terms are
kept short enough to scan, and each meaning says what the word tells *you*.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Term:
    """One glossary entry: the word as reports write it, what it means, and where from."""

    term: str
    meaning: str
    source: str = ""


ARCO_2019 = "ARCO 2019 revised staging: Yoon et al., J Arthroplasty 2020;35(4):933–940"
JIC = (
    "JIC types: Sugano et al., J Orthop Sci 2002;7(5):601–605; their collapse rates: "
    "Kuroda et al., Bone Joint Res 2019;8(10):451–458"
)
GRADE = "GRADE: Guyatt et al., BMJ 2008;336:924–926"
COCHRANE = "Cochrane Handbook for Systematic Reviews of Interventions, glossary"

TERMS: Final[tuple[Term, ...]] = (
    Term(
        "Avascular necrosis (AVN), osteonecrosis",
        "Bone dies because its blood supply is cut off; the dead area can later give way. "
        "Most often the top of the thigh bone (the femoral head) in the hip.",
        ARCO_2019,
    ),
    Term(
        "Femoral head",
        "The ball at the top of the thigh bone that sits in the hip socket.",
        ARCO_2019,
    ),
    Term(
        "Collapse",
        "The dead bone under the joint surface gives way and the ball loses its round shape. "
        "Before collapse, joint-saving treatments have their best chance; after it, joint "
        "replacement becomes more likely.",
        ARCO_2019,
    ),
    Term(
        "ARCO stage (I–IV)",
        "How far the disease has gone: I shows only on MRI or a bone scan; II shows on X-ray "
        "but the ball is still round; III the bone under the surface has cracked or collapsed "
        "(IIIA up to 2 mm, IIIB more); IV the joint itself is worn (arthritis).",
        ARCO_2019,
    ),
    Term(
        "Ficat–Arlet and Steinberg stages",
        "Older staging scales still used in some reports; the page's *Which stage am I?* "
        "helper shows the ARCO stage each one matches.",
        "Ficat–Arlet classification, Radiopaedia; Steinberg et al., J Bone Joint Surg Br "
        "1995;77(1):34–41",
    ),
    Term(
        "JIC type (A, B, C1, C2)",
        "How much of the weight-bearing part of the ball the dead area covers, from the "
        "Japanese Investigation Committee: A up to a third, B up to two thirds, C more; in C2 "
        "it reaches past the outer edge of the socket, in C1 it does not. Bigger areas "
        "collapse more often.",
        JIC,
    ),
    Term(
        "Bone marrow oedema (edema)",
        "Fluid in the bone seen on MRI; it often comes with pain and can be an early sign, but "
        "it also has other causes.",
        "Bone marrow oedema, Radiopaedia",
    ),
    Term(
        "Subchondral fracture, crescent sign",
        "A crack just under the joint surface, which can look like a thin crescent on X-ray; "
        "it marks the start of collapse (ARCO stage III).",
        ARCO_2019,
    ),
    Term(
        "Core decompression",
        "An operation that drills one or more channels into the dead area to relieve pressure "
        "and let new blood vessels grow in; sometimes combined with bone-marrow cells.",
        "Core decompression: Mont et al., J Bone Joint Surg Am 2020;102(12):1084–1099",
    ),
    Term(
        "Total hip replacement (arthroplasty, THA)",
        "The worn joint is replaced with an artificial ball and socket.",
        "Total hip arthroplasty: NHS, Hip replacement (nhs.uk)",
    ),
    Term(
        "VAS (visual analogue scale)",
        "A pain score: you mark your pain on a line from no pain to the worst imaginable, "
        "scored 0–10 (or 0–100); 'VAS −0.8' means pain about 0.8 points lower on the 0–10 "
        "line.",
        "Hawker et al., Arthritis Care Res 2011;63(S11):S240–S252",
    ),
    Term(
        "Harris Hip Score",
        "A doctor-scored hip score from 0 to 100 covering pain, walking and daily tasks; "
        "higher is better, and 90 or more counts as excellent.",
        "Harris WH, J Bone Joint Surg Am 1969;51(4):737–755",
    ),
    Term(
        "WOMAC",
        "A questionnaire you fill in about pain, stiffness and daily tasks in arthritis of the "
        "hip or knee; lower is better.",
        "Bellamy et al., J Rheumatol 1988;15(12):1833–1840",
    ),
    Term(
        "Randomised controlled trial (RCT)",
        "A study that decides by chance who gets the treatment and who gets the comparison, "
        "so that the groups differ only in the treatment; the fairest test of a treatment.",
        COCHRANE,
    ),
    Term(
        "Cohort study",
        "A study that follows a group of people over time without deciding by chance who is "
        "treated; easier to do, but the groups may differ in other ways.",
        COCHRANE,
    ),
    Term(
        "Systematic review, meta-analysis",
        "A review that finds every study on a question and weighs them together; a "
        "meta-analysis adds up their numbers into one result.",
        COCHRANE,
    ),
    Term(
        "Odds ratio, risk ratio, hazard ratio",
        "How many times as likely an outcome was in one group as in the other: 1 means no "
        "difference, 2 twice as likely, 0.5 half as likely. A hazard ratio compares how soon "
        "it happened.",
        COCHRANE,
    ),
    Term(
        "95% CI (confidence interval)",
        "The range in which the true result probably lies. When it includes 1 (for a ratio) "
        "or 0 (for a difference), the study cannot tell the groups apart.",
        COCHRANE,
    ),
    Term(
        "Statistically significant, P value",
        "A difference unlikely to be chance alone (by convention P below 0.05). 'Not "
        "significant' means the study could not show a difference, not that there is none.",
        COCHRANE,
    ),
    Term(
        "Kaplan-Meier (survival-curve) estimate",
        "A way to count how many people reached an outcome by a given time when people were "
        "followed for different lengths of time.",
        COCHRANE,
    ),
    Term(
        "Placebo",
        "A dummy treatment that looks like the real one but has no active ingredient, used to "
        "tell the treatment's effect from the effect of being treated.",
        COCHRANE,
    ),
    Term(
        "Evidence certainty (very low, low, moderate, high)",
        "How sure we can be that a study result is close to the truth; 'very low' means the "
        "true effect may well be quite different. The table shows it as filled dots: "
        "●●●● high, ●●●○ moderate, ●●○○ low, ●○○○ very low, ○○○○ none (no study).",
        GRADE,
    ),
    Term(
        "Invasiveness and side-effect burden (0–4)",
        "This page's own scores of how much a treatment enters the body and how heavy its "
        "harms are; *About this decision aid* gives the rules for each level.",
    ),
    Term(
        "Lightness for me (0–100)",
        "This page's score of how little a treatment costs of what you said you mind under "
        "*What matters to me*; 100 costs nothing you mind. It counts costs only, never "
        "benefits, so a high score is not a recommendation: doing nothing costs least of all.",
    ),
    Term(
        "Not beaten",
        "No other treatment in view is at least as good on invasiveness, side effects, time "
        "and evidence and better on one of them.",
    ),
)


def glossary_markdown(escape: Callable[[str], str] = lambda text: text) -> str:
    """The glossary as a markdown definition list; `escape` makes table text safe if needed."""
    lines = []
    for entry in TERMS:
        source = f" *Source: {escape(entry.source)}.*" if entry.source else ""
        lines.append(f"- **{escape(entry.term)}**: {escape(entry.meaning)}{source}")
    return "\n".join(lines)
