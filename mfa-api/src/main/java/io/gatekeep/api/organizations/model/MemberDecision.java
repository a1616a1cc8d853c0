package io.gatekeep.api.organizations.model;

/** The answer of {@link MemberManagementPolicy}: expected rejections are values, not exceptions. */
public sealed interface MemberDecision {

    record Allowed() implements MemberDecision {}

    /** The actor's role does not allow this change; {@code reason} is safe to show. */
    record Forbidden(String reason) implements MemberDecision {}

    /** The change would leave the organization without an owner. */
    record LastOwner() implements MemberDecision {}

    MemberDecision ALLOWED = new Allowed();
}
