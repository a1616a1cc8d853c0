package io.gatekeep.desk.tickets;

/** One check made on a message, kept on the ticket for the agent: its name, whether it passed, and why. */
public record Check(String name, boolean passed, String detail) {

    public static Check pass(String name, String detail) {
        return new Check(name, true, detail);
    }

    public static Check fail(String name, String detail) {
        return new Check(name, false, detail);
    }
}
