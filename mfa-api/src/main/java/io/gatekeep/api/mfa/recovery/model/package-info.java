/** The account's single recovery code: generation, human format, normalisation, hashing. */
package io.gatekeep.api.mfa.recovery.model;
