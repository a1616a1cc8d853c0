package io.gatekeep.credentials;

/**
 * What happens to a setup its user abandoned: once past {@code expires_at} a PENDING setup becomes EXPIRED and its
 * sealed secret is erased ({@link #EXPIRE_DUE}), batch by batch. Rows are claimed {@code FOR UPDATE SKIP LOCKED} and
 * only PENDING rows change, so several sweepers (and an API call expiring the same setup) never expire one twice. The
 * auth session that started the setup ends with it; that is the sweeper's to do.
 */
public final class SetupExpiry {

    private SetupExpiry() {}

    /** {@link SetupStatements#EXPIRE_DUE}. */
    public static final Statement EXPIRE_DUE = SetupStatements.EXPIRE_DUE;
}
