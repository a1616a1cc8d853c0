-- Authenticator-app MFA: credentials, setup sessions, the recovery code, the per-user lockout, and the MFA kinds of
-- auth_session. Writers: mfa-api writes every row here while the caller waits; mfa-worker only finishes what was
-- abandoned (PENDING setups past expires_at → EXPIRED with the secret cleared) and reads for notifications.
-- TOTP secrets are AES-256-GCM ciphertexts (additional data binds them to user_id); the key id names the key of the
-- configured keyring that sealed them, so keys can rotate while old rows still open.

create table mfa_credential (
    id                uuid primary key,
    user_id           uuid        not null references app_user (id) on delete cascade,
    secret_key_id     text,
    secret_nonce      bytea,
    secret_ciphertext bytea,
    -- when the secret was issued (setup QR) and when the credential became active (setup verified)
    created_at        timestamptz not null,
    enabled_at        timestamptz not null,
    -- RFC 6238 step of the newest accepted code: a step is accepted at most once and never after a newer one
    last_used_step    bigint,
    last_used_at      timestamptz,
    revoked_at        timestamptz,
    revoked_reason    text check (revoked_reason in ('USER_REQUEST', 'RECOVERY_CODE', 'SUPPORT_RESET')),
    constraint mfa_credential_revocation_check check ((revoked_at is null) = (revoked_reason is null)),
    -- an active credential has its secret; revoking clears it
    constraint mfa_credential_secret_check check (
        (revoked_at is null) = (secret_ciphertext is not null and secret_nonce is not null and secret_key_id is not null))
);
-- One active credential per user.
create unique index mfa_credential_active_user_key on mfa_credential (user_id) where revoked_at is null;
create index mfa_credential_user_idx on mfa_credential (user_id);

create table mfa_setup (
    id                uuid primary key,
    user_id           uuid        not null references app_user (id) on delete cascade,
    -- the auth session (FULL or MFA_SETUP) that started the setup; it ends when the setup expires
    auth_session_id   uuid        not null references auth_session (id) on delete cascade,
    status            text        not null check (status in ('PENDING', 'COMPLETED', 'EXPIRED', 'SUPERSEDED')),
    -- the secret behind the current QR code, only while PENDING
    secret_key_id     text,
    secret_nonce      bytea,
    secret_ciphertext bytea,
    started_at        timestamptz not null,
    qr_issued_at      timestamptz not null,
    qr_expires_at     timestamptz not null,
    expires_at        timestamptz not null,
    finished_at       timestamptz,
    -- bumped by every change; updates are conditional on it (a QR refresh racing a verify cannot both win)
    revision          integer     not null default 0,
    constraint mfa_setup_secret_check check (
        (status = 'PENDING') = (secret_ciphertext is not null and secret_nonce is not null and secret_key_id is not null)),
    constraint mfa_setup_finished_check check ((status = 'PENDING') = (finished_at is null))
);
-- At most one pending setup per user; starting another supersedes it.
create unique index mfa_setup_pending_user_key on mfa_setup (user_id) where status = 'PENDING';
-- The worker's sweep of abandoned setups:
--   update mfa_setup set status = 'EXPIRED', finished_at = now(), revision = revision + 1,
--          secret_key_id = null, secret_nonce = null, secret_ciphertext = null
--   where status = 'PENDING' and expires_at <= now() returning id, user_id, auth_session_id, expires_at
create index mfa_setup_pending_expiry_idx on mfa_setup (expires_at) where status = 'PENDING';

-- The account's one recovery code, stored only as SHA-256 (see RecoveryCodeHash for why a fast hash suffices).
create table mfa_recovery_code (
    id            uuid primary key,
    user_id       uuid        not null references app_user (id) on delete cascade,
    credential_id uuid        not null references mfa_credential (id) on delete cascade,
    code_hash     bytea       not null check (length(code_hash) = 32),
    created_at    timestamptz not null,
    -- single use: consumed by one atomic UPDATE ... WHERE used_at IS NULL
    used_at       timestamptz,
    -- the credential was revoked another way (MFA turned off, support reset)
    revoked_at    timestamptz
);
create unique index mfa_recovery_code_usable_user_key on mfa_recovery_code (user_id)
    where used_at is null and revoked_at is null;

-- Consecutive MFA failures and the lock, per user, shared by every API instance.
create table mfa_lockout (
    user_id              uuid primary key references app_user (id) on delete cascade,
    -- attempts begun since the last success or lock (an attempt counts as failed until it succeeds)
    consecutive_failures integer     not null default 0 check (consecutive_failures >= 0),
    locked_until         timestamptz,
    -- rank of the latest lock within the policy's repeat window, and when it started (growth on repeat)
    lockout_count        integer     not null default 0 check (lockout_count >= 0),
    last_lockout_at      timestamptz,
    updated_at           timestamptz not null
);

-- Sessions: the MFA challenge after a password sign-in (grants only POST /auth/mfa) and the setup token of an
-- enforced organization (grants only the setup endpoints). mfa_verified_at / via_recovery_code drive the step-up
-- rule: a session counts as MFA-verified for sensitive actions only when its own sign-in passed a TOTP code of the
-- current credential.
alter table auth_session drop constraint if exists auth_session_kind_check;
alter table auth_session add constraint auth_session_kind_check check (kind in ('FULL', 'MFA_CHALLENGE', 'MFA_SETUP'));
alter table auth_session add column mfa_verified_at timestamptz;
alter table auth_session add column via_recovery_code boolean not null default false;
