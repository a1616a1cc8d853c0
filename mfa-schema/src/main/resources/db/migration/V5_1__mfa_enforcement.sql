-- Organization-wide MFA enforcement. The toggle is one row update (O(1) whatever the organization's size);
-- whether a user must have MFA is derived at sign-in from their memberships, never copied per member.
alter table organization
    add column mfa_enforced                   boolean not null default false,
    add column mfa_enforcement_changed_at     timestamptz,
    add column mfa_enforcement_changed_by     uuid references app_user (id) on delete set null,
    add column revoke_non_compliant_sessions  boolean not null default false;
