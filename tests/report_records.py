"""A small hand-made set of records for the report tests, with every figure known.

For 2026 (prior year 2025, the baseline):
- jpn-2026-ai-skills-for-public-servants: JPN with ROK and VN; B.i principal,
  B.iii significant; ongoing, started 2026; ABAC; indicator 120 of 400.
- desg-2026-ai-policy-dialogue: DESG with TELWG, led by SGP with AUS; A.iii
  principal, A.ii significant; completed in 2026; PECC; APEC project
  DESG_201_2026A, USD 80,000.
- sgp-2026-ai-infrastructure-investment: SGP with MAS; C.iii principal, C.i
  significant; ongoing since 2026, no progress entry yet.
- hrdwg-2025-ai-workforce-survey: HRDWG led by PHL; B.iii principal; ongoing
  in 2025, suspended in 2026.
- rok-2027-asia-pacific-ai-center: ROK; B.v principal; planned for 2027.
- ppsti-2024-generative-ai-msme-industry-4-0: PPSTI led by MAS; completed in
  2025: the baseline.
"""

from __future__ import annotations

RECORDS: dict[str, str] = {
    "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml": """\
id: jpn-2026-ai-skills-for-public-servants
title: AI skills for public servants
summary: A training programme on using AI tools in public services.
reporter: JPN
lead_economies: [JPN]
co_sponsors: [ROK, VN]
partners: [ABAC]
actions:
  - {code: B.i, role: principal}
  - {code: B.iii, role: significant}
activity_type: workshop
status: ongoing
planned_start: 2026-03-01
planned_end: 2027-12-31
actual_start: 2026-03-15
target_groups: [public-sector-personnel]
aider_focus_areas: [innovation-adoption]
links: [https://example.org/jpn-skills]
progress:
  - year: 2026
    status: ongoing
    narrative: Two workshops held in Tokyo.
    indicators:
      - {id: officials-trained, unit: people, baseline: 0, target: 400, value: 120}
""",
    "data/fora/DESG/desg-2026-ai-policy-dialogue.yaml": """\
id: desg-2026-ai-policy-dialogue
title: Policy dialogue on AI governance
summary: A DESG-TELWG policy dialogue on AI governance approaches.
reporter: DESG
lead_economies: [SGP]
co_sponsors: [AUS]
partner_fora: [TELWG]
partners: [PECC]
actions:
  - {code: A.iii, role: principal}
  - {code: A.ii, role: significant}
activity_type: meeting
status: completed
actual_start: 2026-05-01
actual_end: 2026-06-30
target_groups: [private-sector]
aider_focus_areas: [government-policy, regulatory-coherence]
apec_project: DESG_201_2026A
funding: {source: APEC Support Fund (General Fund), amount_usd: 80000}
progress:
  - year: 2026
    status: completed
    narrative: The dialogue met in Singapore and agreed a summary report.
""",
    "data/economies/SGP/sgp-2026-ai-infrastructure-investment.yaml": """\
id: sgp-2026-ai-infrastructure-investment
title: AI infrastructure investment roundtable
summary: Public-private roundtables on investment in data centres.
reporter: SGP
lead_economies: [SGP]
co_sponsors: [MAS]
actions:
  - {code: C.iii, role: principal}
  - {code: C.i, role: significant}
activity_type: meeting
status: ongoing
actual_start: 2026-02-01
target_groups: [private-sector]
aider_focus_areas: [digital-infrastructure]
""",
    "data/fora/HRDWG/hrdwg-2025-ai-workforce-survey.yaml": """\
id: hrdwg-2025-ai-workforce-survey
title: Survey of AI skills in the workforce
summary: A survey of reskilling programmes for AI across economies.
reporter: HRDWG
lead_economies: [PHL]
actions:
  - {code: B.iii, role: principal}
activity_type: study
status: suspended
actual_start: 2025-09-01
target_groups: [workforce]
progress:
  - year: 2025
    status: ongoing
    narrative: The questionnaire was agreed.
  - year: 2026
    status: suspended
    narrative: Paused until the new work plan is agreed.
""",
    "data/economies/ROK/rok-2027-asia-pacific-ai-center.yaml": """\
id: rok-2027-asia-pacific-ai-center
title: Asia-Pacific AI Center
summary: Korea's self-funded centre for AI capacity building.
reporter: ROK
lead_economies: [ROK]
actions:
  - {code: B.v, role: principal}
activity_type: programme
status: planned
planned_start: 2027-01-01
""",
    "data/fora/PPSTI/ppsti-2024-generative-ai-msme-industry-4-0.yaml": """\
id: ppsti-2024-generative-ai-msme-industry-4-0
title: Application of Generative AI to Accelerate Industry 4.0 Transformation in MSMEs
summary: APEC-funded PPSTI project on generative AI for MSMEs.
reporter: PPSTI
lead_economies: [MAS]
co_sponsors: [CHL, PRC, CT, THA]
actions:
  - {code: B.ii, role: principal}
  - {code: A.ii, role: significant}
activity_type: project
status: completed
planned_start: 2024-08-01
planned_end: 2025-12-21
target_groups: [msmes-and-startups]
aider_focus_areas: [innovation-adoption]
apec_project: PPSTI_108_2024A
funding: {source: APEC Support Fund (General Fund), amount_usd: 120000}
""",
}

# An APEC body's record: a ministerial meeting, APEC-wide, hosted by an economy,
# reporting in the year it met (added by the tests that need a body).
DAMM_PATH = "data/bodies/DAMM/damm-2026-digital-and-ai-ministerial-meeting.yaml"
DAMM_2026 = """\
id: damm-2026-digital-and-ai-ministerial-meeting
title: Digital and AI Ministerial Meeting
summary: Ministers adopted a statement on AI.
reporter: DAMM
host_economy: PRC
actions:
  - {code: A.iii, role: principal}
activity_type: ministerial
status: completed
actual_start: 2026-08-04
actual_end: 2026-08-05
progress:
  - {year: 2026, status: completed, narrative: Ministers adopted a statement.}
"""
