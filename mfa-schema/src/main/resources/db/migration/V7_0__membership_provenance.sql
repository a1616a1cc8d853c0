-- How a membership came to be and since when its role holds: the support desk accepts as approvers only owners of
-- organizations the requester created or joined by accepting an invitation, with both the membership and the
-- ownership older than a minimum age.
-- ADDED marks memberships made before consent was required (an owner added an existing account directly): they are
-- never a basis for approving a recovery.
alter table membership
    add column joined_via text not null default 'ADDED' check (joined_via in ('CREATED', 'INVITATION', 'ADDED')),
    add column role_since timestamptz;
update membership set role_since = created_at;
alter table membership alter column role_since set not null;
