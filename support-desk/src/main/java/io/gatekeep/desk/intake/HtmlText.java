package io.gatekeep.desk.intake;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML to plain text with jsoup, keeping line structure: block elements and {@code <br>} break lines, paragraphs are
 * separated by a blank line, {@code <pre>} keeps its whitespace and blockquotes come out as "> " quoted lines. Hidden
 * elements are dropped so the text matches what a reader sees.
 */
final class HtmlText {

    /** Containers that mail clients put around quoted history (Gmail, Apple Mail, Thunderbird, Yahoo, Proton…). */
    private static final String QUOTED = "blockquote[type=cite], .gmail_quote, .gmail_attr, .moz-cite-prefix, "
            + ".yahoo_quoted, .protonmail_quote, .zmail_extra, .gmail_signature, .moz-signature, "
            + "div[data-marker=__QUOTED_TEXT__], div[data-marker=__SIG_PRE__], #Signature";

    /** Outlook marks only where the history starts: the marker and everything after it is history. */
    private static final String HISTORY_STARTS =
            "#appendonsend, #divRplyFwdMsg, #mail-editor-reference-message-container, "
                    + ".ms-outlook-mobile-reference-message";

    private static final String INVISIBLE = "script, style, head, title, noscript, template, [hidden]";

    private static final Pattern HIDDEN_STYLE = Pattern.compile("display\\s*:\\s*none", Pattern.CASE_INSENSITIVE);

    private static final Set<String> BLOCKS = Set.of(
            "address",
            "article",
            "aside",
            "blockquote",
            "center",
            "dd",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "table",
            "tbody",
            "thead",
            "tfoot",
            "tr",
            "ul");

    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol");

    private HtmlText() {}

    /** The whole HTML as text, quoted history included (as "> " lines where it is a blockquote). */
    static String toText(String html) {
        Document document = visible(html);
        return render(document.body());
    }

    /** Only what the sender wrote: the blocks that clients mark as quoted history or signature are removed first. */
    static String toNewText(String html) {
        Document document = visible(html);
        document.select(QUOTED).remove();
        for (Element marker : document.select(HISTORY_STARTS)) {
            Node next = marker.nextSibling();
            while (next != null) {
                Node after = next.nextSibling();
                next.remove();
                next = after;
            }
            marker.remove();
        }
        return render(document.body());
    }

    private static Document visible(String html) {
        Document document = Jsoup.parse(html);
        document.select(INVISIBLE).remove();
        document.select("[style]").stream()
                .filter(element -> HIDDEN_STYLE.matcher(element.attr("style")).find())
                .forEach(Element::remove);
        return document;
    }

    private static String render(Element body) {
        if (body == null) {
            return "";
        }
        TextBuilder builder = new TextBuilder();
        NodeTraversor.traverse(builder, body);
        return builder.result();
    }

    private static final class TextBuilder implements NodeVisitor {

        private final StringBuilder out = new StringBuilder();
        private int quoteDepth;
        private int preDepth;
        private boolean lineStarted;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                append(preDepth > 0 ? text.getWholeText() : collapse(text.getWholeText()));
            } else if (node instanceof Element element) {
                String name = element.normalName();
                if (name.equals("br")) {
                    breakLine(true);
                } else if (BLOCKS.contains(name)) {
                    breakLine(false);
                }
                if (name.equals("blockquote")) {
                    quoteDepth++;
                } else if (name.equals("pre")) {
                    preDepth++;
                } else if ((name.equals("td") || name.equals("th")) && lineStarted) {
                    append(" ");
                } else if (name.equals("li")) {
                    append("- ");
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                String name = element.normalName();
                if (BLOCKS.contains(name)) {
                    breakLine(false);
                }
                if (PARAGRAPHS.contains(name)) {
                    blankLine();
                }
                if (name.equals("blockquote")) {
                    quoteDepth--;
                    blankLine();
                } else if (name.equals("pre")) {
                    preDepth--;
                }
            }
        }

        private void append(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    breakLine(true);
                    continue;
                }
                if (c == '\r') {
                    continue;
                }
                if (!lineStarted) {
                    if (c == ' ' && preDepth == 0) {
                        continue;
                    }
                    out.append("> ".repeat(quoteDepth));
                    lineStarted = true;
                }
                if (c == ' ' && preDepth == 0 && out.charAt(out.length() - 1) == ' ') {
                    continue;
                }
                out.append(c == '\u00A0' ? ' ' : c);
            }
        }

        /** Ends the current line; {@code always} also makes empty lines (a {@code <br>} on its own is a line). */
        private void breakLine(boolean always) {
            if (lineStarted || always) {
                out.append('\n');
                lineStarted = false;
            }
        }

        private void blankLine() {
            breakLine(false);
            int n = out.length();
            if (n > 0 && !(n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n')) {
                out.append('\n');
            }
        }

        private static String collapse(String text) {
            return text.replaceAll("[ \\t\\r\\n\\f]+", " ");
        }

        String result() {
            String text = out.toString().replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n");
            return text.strip();
        }
    }
}
