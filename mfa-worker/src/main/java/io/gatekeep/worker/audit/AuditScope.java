package io.gatekeep.worker.audit;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.EventPayload;
import io.gatekeep.events.EventType;
import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Where an event is recorded: the one rule that keeps account activity with the account.
 * <ul>
 *   <li>An event that names its organization goes to that organization's audit (invitations, joins, leaves, role,
 *       permission and enforcement changes). Its client IP is kept only for an act on someone else or on the
 *       organization (an administrator's); a person's own act (joining, leaving, declining) is recorded without
 *       it.</li>
 *   <li>Every other event is account activity and goes only to the account's own security log (sign-ins, sign-in
 *       failures, MFA verification failures, lockouts, and any future account-level event such as a password change:
 *       an event without organization needs no line here).</li>
 *   <li>A {@link #COMPLIANCE_FACTS compliance fact} goes to the security log and also, without client IP or session,
 *       to each organization the person was a member of when it happened. Add a type there in one line when
 *       organizations must know it.</li>
 * </ul>
 */
final class AuditScope {

    /** Account-level facts organizations may know about their members (MFA on or off). */
    static final Set<EventType> COMPLIANCE_FACTS = EnumSet.of(EventType.MFA_ENABLED, EventType.MFA_DISABLED);

    private AuditScope() {}

    /** The organization whose audit gets the event's own entry, or null for the account's security log. */
    static UUID organizationOf(EventType type, EventPayload payload) {
        return COMPLIANCE_FACTS.contains(type) ? null : organizationIdOf(payload);
    }

    /**
     * Whether the event is recorded at all: not when it concerns neither an account nor an organization (a signup for
     * an address that has no account yet: until it is confirmed there is nobody whose log it belongs in).
     */
    static boolean isRecorded(EventPayload payload) {
        return userIdOf(payload) != null || organizationIdOf(payload) != null;
    }

    /** Whether the event's member-time copies go to the organizations of its user. */
    static boolean isComplianceFact(EventType type) {
        return COMPLIANCE_FACTS.contains(type);
    }

    /** Whether an organization's entry may show the client IP (and session) of the request. */
    static boolean organizationSeesClientIp(EventPayload payload) {
        UUID userId = userIdOf(payload);
        return userId == null || !userId.equals(actorUserIdOf(payload));
    }

    /** The account the event is about, or null (a column value). */
    static UUID userIdOf(EventPayload payload) {
        return payload instanceof UserEvent event ? event.userId() : null;
    }

    /** The organization the event happened in, or null (a column value). */
    static UUID organizationIdOf(EventPayload payload) {
        return payload instanceof OrganizationEvent event ? event.organizationId() : null;
    }

    /** Who caused the event, or null for the system (a column value). */
    static UUID actorUserIdOf(EventPayload payload) {
        return payload instanceof ActorEvent event ? event.actorUserId() : null;
    }

    /** The client IP of the request that caused the event, or null (a column value). */
    static String clientIpOf(EventPayload payload) {
        return payload instanceof RequestEvent event ? event.clientIp() : null;
    }
}
