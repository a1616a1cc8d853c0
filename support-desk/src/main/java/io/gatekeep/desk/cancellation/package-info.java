/** The public cancel link of an approved reset: no agent login, the single-use token is the only credential. */
package io.gatekeep.desk.cancellation;
