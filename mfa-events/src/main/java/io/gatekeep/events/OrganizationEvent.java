package io.gatekeep.events;

import java.util.UUID;

/** An event that happened in one organization. */
public interface OrganizationEvent extends EventPayload {

    /** The organization; null only where the record documents it. */
    UUID organizationId();
}
