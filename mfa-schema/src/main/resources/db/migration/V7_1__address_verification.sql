-- Signup proves the address. A signup is only a request until someone opens the confirmation link sent to the
-- address: no app_user row exists for it, so an unconfirmed signup can never sign in, and nobody can squat an address
-- by signing it up first. One pending signup per address: a later signup replaces it (the earlier token dies).
create table signup_request (
    id                uuid primary key,
    email             text        not null check (length(email) between 3 and 320),
    display_name      text        not null check (length(display_name) between 1 and 200),
    organization_name text        not null check (length(organization_name) between 1 and 200),
    -- bcrypt of the password chosen at signup; becomes the account's password when the signup is confirmed
    password_hash     text        not null,
    -- SHA-256 of the one-time token; set by the worker when it writes the confirmation email
    token_hash        bytea unique,
    client_ip         text,
    created_at        timestamptz not null,
    expires_at        timestamptz not null,
    -- when the last confirmation email was asked for: a sign-in attempt resends it at most once per 10 minutes
    last_mailed_at    timestamptz not null
);
create unique index signup_request_email_key on signup_request (lower(email));

-- Password reset: one row per emailed link; the token's hash is set by the worker with the email. Using a link
-- deletes every reset of the account, so each link works once and older links die with it.
create table password_reset (
    id         uuid primary key,
    user_id    uuid        not null references app_user (id) on delete cascade,
    token_hash bytea unique,
    client_ip  text,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index password_reset_user_idx on password_reset (user_id);
