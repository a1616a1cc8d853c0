/** The desk reads accounts and approvers from mfa-api's internal directory (service token), never from tables. */
package io.gatekeep.desk.directory;
