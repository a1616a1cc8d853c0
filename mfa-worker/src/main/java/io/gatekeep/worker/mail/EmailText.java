package io.gatekeep.worker.mail;

/**
 * How an email shows a name that someone else chose (an organization's or a person's): as quoted data, never as a
 * link. Mail clients turn anything that looks like an address or URL into a link, so an organization named
 * "example.com/login" would otherwise become one; here the dot, slash, colon and at sign are replaced by look-alikes no
 * client links, control and direction-changing characters are dropped, and the name is put in quotes.
 */
public final class EmailText {

    private EmailText() {}

    public static String quoted(String name) {
        if (name == null || name.isBlank()) {
            return "\u201Cunnamed\u201D";
        }
        StringBuilder text = new StringBuilder("\u201C");
        name.strip().codePoints().forEach(c -> {
            switch (c) {
                case '.' -> text.append('\u2024'); // one dot leader
                case '/' -> text.append('\u2215'); // division slash
                case ':' -> text.append('\uA789'); // modifier letter colon
                case '@' -> text.append('\uFF20'); // fullwidth commercial at
                default -> {
                    if (!Character.isISOControl(c)
                            && Character.getType(c) != Character.FORMAT
                            && c != '\u2028'
                            && c != '\u2029') {
                        text.appendCodePoint(c);
                    }
                }
            }
        });
        return text.append('\u201D').toString();
    }
}
