-- Sessions the owner sees and ends: when each session was last used (for the idle timeout and the session list) and
-- the user agent that signed in. last_used_at is written by the insert and then at most once a minute by the request
-- that resolves the session; a row written without it counts as last used when it was created.
alter table auth_session
    add column last_used_at timestamptz,
    add column user_agent   text;
update auth_session set last_used_at = created_at where last_used_at is null and revoked_at is null;

-- Old rate-limit windows are pruned periodically (mfa-api, gatekeep.rate-limit.retention): find them by age.
create index rate_limit_counter_window_idx on rate_limit_counter (window_start);
