/** What the sender actually wrote in a reply (quoted history and signatures removed), and the decision it states. */
package io.gatekeep.desk.intake.reply;
