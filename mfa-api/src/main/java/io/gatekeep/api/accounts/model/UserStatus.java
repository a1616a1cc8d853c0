package io.gatekeep.api.accounts.model;

/** {@code INVITED} users have no password until they accept an invitation; only {@code ACTIVE} users sign in. */
public enum UserStatus {
    INVITED,
    ACTIVE
}
