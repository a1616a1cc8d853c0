/** Recognises mail the desk must never answer or act on: auto-replies, bounces, list traffic and its own messages. */
package io.gatekeep.desk.intake.automation;
