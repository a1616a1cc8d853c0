package io.gatekeep.events;

/**
 * The logical Kafka topics. The physical name is {@code prefix + logicalName}, so that several deployments (or test
 * suites) can share one cluster. Dead-lettered records go to {@code physicalName + ".dlt"}.
 */
public enum Topic {
    /** Organizations, users, memberships, invitations and sessions; keyed by user (organization for org-level facts). */
    ACCOUNT("account"),
    /** MFA setup sessions and credential activation; keyed by user. */
    ENROLLMENT("enrollment"),
    /** MFA sign-in attempts, failures and lockouts; keyed by user. */
    VERIFICATION("verification"),
    /** Recovery-code use and MFA disablement; keyed by user. */
    RECOVERY("recovery"),
    /** Organization-wide MFA enforcement; keyed by organization. */
    ENFORCEMENT("enforcement"),
    /** Support-desk recovery tickets; keyed by ticket. */
    SUPPORT_TICKET("support-ticket");

    public static final String DEFAULT_PREFIX = "gatekeep.";
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private final String logicalName;

    Topic(String logicalName) {
        this.logicalName = logicalName;
    }

    public String logicalName() {
        return logicalName;
    }

    public String physicalName(String prefix) {
        return prefix + logicalName;
    }

    public String deadLetterName(String prefix) {
        return physicalName(prefix) + DEAD_LETTER_SUFFIX;
    }

    public static Topic ofLogicalName(String logicalName) {
        for (Topic topic : values()) {
            if (topic.logicalName.equals(logicalName)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("Unknown topic: " + logicalName);
    }
}
