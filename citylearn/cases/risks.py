"""Which data-rights explainer a citizen should read about each governance risk."""

from citylearn.cases.enums import GovernanceRisk

RISK_EXPLAINERS = {
    GovernanceRisk.PURPOSE_CREEP: "right-to-know-and-decide",
    GovernanceRisk.OVER_COLLECTION: "grid-worker-collection",
    GovernanceRisk.FUNCTION_CREEP_TO_POLICING: "cameras-and-face-recognition",
    GovernanceRisk.OPAQUE_ALGORITHM: "automated-decisions",
    GovernanceRisk.DATA_BREACH: "data-security-law-for-citizens",
    GovernanceRisk.DIGITAL_EXCLUSION: "how-to-make-a-request",
    GovernanceRisk.VENDOR_LOCK_IN: "data-security-law-for-citizens",
}
