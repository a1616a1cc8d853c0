/** The agents' desk in the browser: one HTML page and static ES modules served on the desk API's own origin. */
package io.gatekeep.desk.ui;
